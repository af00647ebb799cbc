/**
 * Environment, parsed once with zod. Nothing else reads process.env for configuration.
 */
import { z } from "zod";

/** What DATABASE_URL must look like; the example is part of the start-up message. */
export const DATABASE_URL_EXAMPLE = "postgres://recert:password@db.internal:5432/recert";

/**
 * A PostgreSQL connection URL: postgres:// or postgresql:// with a host. `localhost:5432/db` parses
 * as a URL (with the protocol "localhost:"), so z.url() alone lets it through to fail later.
 */
export function databaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `DATABASE_URL is not a URL. Use a PostgreSQL URL such as ${DATABASE_URL_EXAMPLE}`;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    return `DATABASE_URL must start with postgres:// or postgresql:// (it starts with ${JSON.stringify(url.protocol)}). Use a URL such as ${DATABASE_URL_EXAMPLE}`;
  }
  if (!url.hostname) return `DATABASE_URL names no host. Use a URL such as ${DATABASE_URL_EXAMPLE}`;
  return null;
}

/**
 * TRUST_PROXY: how many reverse proxies stand between the clients and this server. Off (unset,
 * "false", "off", "0"): the address is the socket's peer and X-Forwarded-For / X-Real-IP sent by
 * anyone are ignored. "true" means 1. A number N: the N-th address from the right of
 * X-Forwarded-For (each proxy appends the address it was reached from).
 */
export function parseTrustProxy(value: unknown): number | null {
  if (value === undefined || value === null) return 0;
  const v = String(value).trim().toLowerCase();
  if (v === "" || v === "false" || v === "off" || v === "no" || v === "0") return 0;
  if (v === "true" || v === "on" || v === "yes") return 1;
  if (/^[1-9]$/.test(v)) return Number(v);
  return null;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? null : databaseUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  TRUST_PROXY: z.string().optional().transform((value, ctx) => {
    const n = parseTrustProxy(value);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: 'TRUST_PROXY must be "false" (the default), "true" (one proxy) or the number of proxies in front, 1 to 9.' });
      return z.NEVER;
    }
    return n;
  }),
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
