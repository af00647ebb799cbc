/**
 * Environment, parsed once with zod. Nothing else reads process.env for configuration.
 */
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** Public base URL, used in e-mails and the calendar feed (e.g. https://recert.example.com). */
  APP_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port; without it, mail goes to the in-app outbox and the log. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Recert <no-reply@recert.local>"),
  /** Set to "off" to stop the in-process hourly reminder tick (e.g. when cron runs `npm run reminders`). */
  REMINDER_TICK: z.enum(["on", "off"]).default("on"),
  /**
   * How many scored activities each server process keeps in memory across requests (about 1 KB
   * each; lib/progress/cache.ts). 0 turns the cache off: every page then reads every activity.
   */
  PROGRESS_CACHE_ROWS: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Recert cannot start: the environment is invalid.\n${lines}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change process.env between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Embedded mode: no DATABASE_URL, so PGlite in a local folder. */
export function isEmbedded(): boolean {
  return !env().DATABASE_URL;
}
