import "server-only";
import { getDbHandle } from "@/db/client";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { appUrl } from "@/lib/mail/app-url";
import { transportFromEnv } from "@/lib/mail/transport";
import { type ReminderRunResult, runReminders } from "./job";

export const TICK_MS = 60 * 60 * 1000;
/** First run shortly after start, so a restart does not postpone reminders by an hour. */
const FIRST_TICK_MS = 60 * 1000;

/** One run with the process's database, SMTP (or outbox) and the current time. */
export async function runRemindersNow(now: Date = new Date()): Promise<ReminderRunResult> {
  const handle = await getDbHandle();
  const transport = transportFromEnv(handle.db);
  try {
    return await runReminders({
      handle,
      now,
      transport,
      appUrl: appUrl(),
      secret: resolveAuthSecret(),
      log: (line) => console.log(line),
    });
  } finally {
    transport.close();
  }
}

const state = globalThis as unknown as { __recertReminderTick?: NodeJS.Timeout; __recertReminderRunning?: boolean };

async function tick(): Promise<void> {
  // A slow run (SMTP timeouts) must not overlap the next tick in the same process.
  if (state.__recertReminderRunning) return;
  state.__recertReminderRunning = true;
  try {
    const r = await runRemindersNow();
    if (r.ran && (r.mails > 0 || r.failures > 0)) {
      console.log(`[reminders] ${r.mails} e-mails (${r.reminders} reminders) to ${r.holders} holders checked; ${r.failures} failed`);
    }
  } catch (err) {
    console.error("[reminders] run failed:", err instanceof Error ? err.message : err);
  } finally {
    state.__recertReminderRunning = false;
  }
}

/** The hourly tick inside each server process (REMINDER_TICK=off turns it off, e.g. when cron runs `npm run reminders`). */
export function startReminderTick(): void {
  if (state.__recertReminderTick) return;
  const first = setTimeout(() => void tick(), FIRST_TICK_MS);
  first.unref();
  const interval = setInterval(() => void tick(), TICK_MS);
  interval.unref();
  state.__recertReminderTick = interval;
}
