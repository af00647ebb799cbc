import "server-only";
import { getDb } from "@/db/client";
import { insertAudit, type AuditEntry } from "@/db/queries/audit";

/** CR/LF and control characters are removed so a value cannot forge a log line. */
function clean(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, 500);
  return value;
}

/**
 * Writes an audit event (sign-ins, refused authorizations, exports, deletions). Never pass a
 * password, token or secret in `detail`. An audit failure is logged and never breaks the request.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  const detail = Object.fromEntries(Object.entries(entry.detail ?? {}).map(([k, v]) => [k, clean(v)]));
  try {
    await insertAudit(await getDb(), { ...entry, detail });
  } catch (err) {
    console.error("[audit] could not write event", entry.action, err instanceof Error ? err.message : err);
  }
}
