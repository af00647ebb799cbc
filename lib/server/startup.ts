import { getDbHandle } from "@/db/client";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/** Checks the environment and the auth secret, then opens the database (applying migrations). */
export async function startServer(): Promise<void> {
  try {
    env();
    resolveAuthSecret();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  try {
    const handle = await getDbHandle();
    console.log(`[recert] database ready (${handle.kind})`);
  } catch (err) {
    // Not fatal: /api/health reports it and the next request retries.
    console.error("[recert] database not reachable yet:", err instanceof Error ? err.message : err);
  }
  // The hourly reminder tick; each run opens the database itself, so a database that is down now is retried.
  if (env().REMINDER_TICK === "on") (await import("@/lib/reminders/schedule")).startReminderTick();
}
