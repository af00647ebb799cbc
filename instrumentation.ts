/**
 * Runs once when a server process starts: a missing secret in production stops start-up with a
 * clear message, and migrations are applied before the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/server/startup");
    await startServer();
  }
}
