import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { ApiTokenRow } from "./api-tokens";
import type { OutboxRow } from "./outbox";

// Inside a select list drizzle writes a column without its table ("id"), which the subqueries
// would resolve to their own table's id: name the outer column in full.
const holderId = sql.raw(`"users"."id"`);

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/**
 * The two lists of the Settings page in ONE statement (the page's query budget, bench:queries):
 * the holder's live API tokens (as listApiTokens: newest first) and their latest outbox messages
 * (as listOutbox). Read off the holder's own users row, so another id finds nothing.
 */
export async function listSettingsRows(db: Database, userId: string, outboxLimit = 20): Promise<{ tokens: ApiTokenRow[]; outbox: OutboxRow[] }> {
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
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row) return { tokens: [], outbox: [] };
  return {
    tokens: row.tokens.map((t) => ({ ...t, createdAt: new Date(t.createdAt), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt) })),
    outbox: row.outbox.map((o) => ({ ...o, createdAt: new Date(o.createdAt) })),
  };
}
