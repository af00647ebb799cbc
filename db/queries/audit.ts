import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditEntry = {
  userId?: string | null;
  action: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export async function insertAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId ?? null,
    action: entry.action,
    ip: entry.ip ?? null,
    detail: entry.detail ?? {},
  });
}
