import "server-only";
import { getDb } from "@/db/client";
import { insertAudit, type AuditEntry } from "@/db/queries/audit";
import { clientIp } from "@/lib/auth/request-ip";

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

/**
 * A refused authorization (ASVS 16.3.2): a cross-site write, or a 404 answered to a signed-in
 * holder for an id that is missing or someone else's (the answer is the same; the log says which
 * holder asked for what). Only the path is kept: never a query string or a body.
 */
export async function auditRefusal(request: Request, userId: string | null, status: number, reason: string): Promise<void> {
  await audit({
    userId,
    action: "authz.refused",
    ip: clientIp(request.headers),
    detail: { method: request.method, path: new URL(request.url).pathname.slice(0, 300), status, reason },
  });
}

/** A server action refused an id (missing or someone else's): logged like auditRefusal. */
export async function auditRefusalOfAction(userId: string, headers: Headers, what: string): Promise<void> {
  await audit({ userId, action: "authz.refused", ip: clientIp(headers), detail: { kind: "server_action", what, status: 404, reason: "not_found" } });
}
