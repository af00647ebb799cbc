/**
 * Runs once when a server process starts: a missing secret in production stops start-up with a
 * clear message, and migrations are applied before the first request. Requests are stamped with
 * their peer address (for sign-in limits; lib/auth/request-ip.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request from now on carries its TCP peer's address (lib/auth/peer-address.ts).
    await (await import("@/lib/auth/peer-address")).installPeerAddressStamp();
    const { startServer } = await import("@/lib/server/startup");
    await startServer();
  }
}
