import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { mailOutbox } from "@/db/schema";

export type OutboxMessage = { toAddress: string; subject: string; textBody: string; htmlBody: string };
export type OutboxRow = OutboxMessage & { id: string; createdAt: Date };

export async function insertOutboxMessage(db: Database, userId: string, message: OutboxMessage): Promise<void> {
  await db.insert(mailOutbox).values({ userId, ...message });
}

/** The holder's latest messages, newest first. */
export async function listOutbox(db: Database, userId: string, limit = 20): Promise<OutboxRow[]> {
  return db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      htmlBody: mailOutbox.htmlBody,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.userId, userId))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}
