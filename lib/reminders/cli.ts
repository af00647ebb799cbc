/**
 * `npm run reminders`: one reminder run, for those who prefer cron to the in-process tick
 * (set REMINDER_TICK=off on the servers then). Safe to run while servers run: an advisory lock
 * picks one runner and every reminder is sent once.
 *   --now=2027-03-01T09:00:00Z   run as if it were that instant (testing a schedule)
 *   --embedded                   allow the embedded database (only while no server has it open)
 */
import { getDbHandle } from "@/db/client";
import { isEmbedded } from "@/lib/env";
import { runRemindersNow } from "./schedule";

async function main(): Promise<number> {
  if (isEmbedded() && !process.argv.includes("--embedded")) {
    // PGlite's folder may be opened by one process only; a running server already ticks hourly.
    console.error(
      "DATABASE_URL is not set, so this would open the embedded database, which only one process may use. A running Recert " +
        "server already sends reminders every hour. To run them from here anyway, stop the server and run: npm run reminders -- --embedded",
    );
    return 2;
  }
  const arg = process.argv.find((a) => a.startsWith("--now="));
  const now = arg ? new Date(arg.slice("--now=".length)) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`Not a date: ${arg}`);
    return 2;
  }
  const r = await runRemindersNow(now);
  if (!r.ran) console.log("Another process is running the reminders right now; nothing done.");
  else
    console.log(
      `Reminders: ${r.holders} holders checked, ${r.mails} e-mails sent (${r.reminders} reminders), ${r.failures} failed${r.stoppedEarly ? ", stopped early (retried next run)" : ""}.`,
    );
  await (await getDbHandle()).close();
  return r.failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
