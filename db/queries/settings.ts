import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { ApiTokenRow } from "./api-tokens";
import type { OutboxRow } from "./outbox";
import type { SessionRow } from "./sessions";

// Inside a select list drizzle writes a column without its table ("id"), which the subqueries
// would resolve to their own table's id: name the outer column in full.
const holderId = sql.raw(`"users"."id"`);

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** Sessions older than this are past the absolute lifetime (lib/auth/auth.ts SESSION_ABSOLUTE_MS). */
const SESSION_LIST_MAX_AGE_DAYS = 30;

/**
 * The three lists of the Settings page in ONE statement (the page's query budget, bench:queries):
 * the holder's live API tokens (as listApiTokens: newest first), their latest outbox messages
 * (as listOutbox) and their live sessions (as listSessions: most recently seen first). Read off
 * the holder's own users row, so another id finds nothing.
 */
export async function listSettingsRows(
  db: Database,
  userId: string,
  outboxLimit = 20,
): Promise<{ tokens: ApiTokenRow[]; outbox: OutboxRow[]; sessions: SessionRow[] }> {
  const rows = await db
    .select({
      tokens: sql<Json<ApiTokenRow>[]>`coalesce((
        select json_agg(json_build_object('id', t.id, 'name', t.name, 'prefix', t.prefix, 'createdAt', t.created_at, 'lastUsedAt', t.last_used_at)
          order by t.created_at desc)
        from api_tokens t where t.user_id = ${holderId} and t.revoked_at is null), '[]'::json)`,
      outbox: sql<Json<OutboxRow>[]>`coalesce((
        select json_agg(json_build_object('id', o.id, 'toAddress', o.to_address, 'subject', o.subject, 'textBody', o.text_body,
          'htmlBody', o.html_body, 'createdAt', o.created_at) order by o.created_at desc)
        from (select * from mail_outbox m where m.user_id = ${holderId} order by m.created_at desc limit ${outboxLimit}) o), '[]'::json)`,
      sessions: sql<Json<SessionRow>[]>`coalesce((
        select json_agg(json_build_object('id', s.id, 'createdAt', s.created_at, 'lastSeenAt', s.last_seen_at, 'userAgent', s.user_agent)
          order by s.last_seen_at desc)
        from sessions s where s.user_id = ${holderId} and s.revoked_at is null
          and s.created_at > now() - make_interval(days => ${SESSION_LIST_MAX_AGE_DAYS})), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row) return { tokens: [], outbox: [], sessions: [] };
  return {
    tokens: row.tokens.map((t) => ({ ...t, createdAt: new Date(t.createdAt), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt) })),
    outbox: row.outbox.map((o) => ({ ...o, createdAt: new Date(o.createdAt) })),
    sessions: row.sessions.map((x) => ({ ...x, createdAt: new Date(x.createdAt), lastSeenAt: new Date(x.lastSeenAt) })),
  };
}
