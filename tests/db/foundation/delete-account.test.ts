/**
 * Deleting an account removes every row of the holder: one row is put in every table of
 * db/schema.ts that has a user_id, then the account is deleted. A new table with a user_id makes
 * this test fail until a row for it is added below (and its foreign key cascades).
 */
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createUser, deleteUser } from "@/db/queries/users";
import * as schema from "@/db/schema";
import { describeEachDb } from "../harness";

/** Every table of the schema that holds rows of a holder (has a user_id column). */
function userOwnedTables(): { name: string; table: PgTable }[] {
  const out: { name: string; table: PgTable }[] = [];
  for (const value of Object.values(schema)) {
    if (!value || typeof value !== "object") continue;
    let config: ReturnType<typeof getTableConfig>;
    try {
      config = getTableConfig(value as PgTable);
    } catch {
      continue;
    }
    if (!config?.name || !Array.isArray(config.columns)) continue;
    if (config.columns.some((c) => c.name === "user_id")) out.push({ name: config.name, table: value as PgTable });
  }
  return out;
}

/** Puts one row for `userId` in every user-owned table. Returns the names of the tables filled. */
async function fillEveryTable(db: Database, userId: string, email: string): Promise<Set<string>> {
  const filled = new Set<string>();
  const [cert] = await db
    .insert(schema.certifications)
    .values({ userId, packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15" })
    .returning();
  filled.add("certifications");
  const [activity] = await db
    .insert(schema.activities)
    .values({ userId, packId: "ascm", typeId: "course", title: "Lean basics", startDate: "2024-05-02", quantity: 8 })
    .returning();
  filled.add("activities");
  await db.insert(schema.renewals).values({ userId, certificationId: cert!.id, dueDate: "2027-03-31", pointsClaimed: 75 });
  filled.add("renewals");
  await db
    .insert(schema.openingBalances)
    .values({ userId, certificationId: cert!.id, cycleDueDate: "2027-03-31", categoryId: "education", points: 12.5, attested: true });
  filled.add("opening_balances");
  await db.insert(schema.activityExclusions).values({ userId, activityId: activity!.id, certificationId: cert!.id });
  filled.add("activity_exclusions");
  const [blob] = await db
    .insert(schema.evidenceBlobs)
    .values({ userId, data: new Uint8Array([37, 80, 68, 70]) })
    .returning();
  filled.add("evidence_blobs");
  await db.insert(schema.evidence).values({
    userId,
    activityId: activity!.id,
    fileName: "certificate.pdf",
    contentType: "application/pdf",
    sizeBytes: 4,
    sha256: "0".repeat(64),
    blobKey: blob!.id,
  });
  filled.add("evidence");
  await db.insert(schema.remindersSent).values({ userId, certificationId: cert!.id, dueDate: "2027-03-31", kind: "due-90" });
  filled.add("reminders_sent");
  await db.insert(schema.mailOutbox).values({ userId, toAddress: email, subject: "Due soon", textBody: "text", htmlBody: "<p>html</p>" });
  filled.add("mail_outbox");
  await db.insert(schema.bannerDismissals).values({ userId, bannerKey: "welcome" });
  filled.add("banner_dismissals");
  await db.insert(schema.apiTokens).values({ userId, name: "laptop", tokenHash: `hash-${userId}`, prefix: "rct_abcd" });
  filled.add("api_tokens");
  await db.insert(schema.sessions).values({ userId, userAgent: "Mozilla/5.0" });
  filled.add("sessions");
  await db.insert(schema.auditLog).values({ userId, action: "sign_in.success", ip: "127.0.0.1" });
  filled.add("audit_log");
  return filled;
}

async function rowsOf(db: Database, table: string, userId: string): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${userId}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
  return Number(rows[0]?.n);
}

describeEachDb("deleting an account", (ctx) => {
  it("knows the user-owned tables of the schema", () => {
    const names = userOwnedTables().map((t) => t.name);
    // Sanity: the enumeration finds tables at all, including the obvious ones.
    expect(names).toEqual(expect.arrayContaining(["certifications", "activities", "evidence", "audit_log"]));
    expect(names).not.toContain("users");
  });

  it("removes every row of the holder in every table, and nothing of another holder", async () => {
    const db = ctx.handle.db;
    const gone = (await createUser(db, { email: "leaving@example.com", name: "Leaving", passwordHash: "x", timezone: "UTC" }))!;
    const stays = (await createUser(db, { email: "staying@example.com", name: "Staying", passwordHash: "x", timezone: "UTC" }))!;
    const filled = await fillEveryTable(db, gone.id, gone.email);
    await fillEveryTable(db, stays.id, stays.email);

    const tables = userOwnedTables().map((t) => t.name);
    const missing = tables.filter((t) => !filled.has(t));
    expect(missing, `add a row for these tables to fillEveryTable(): ${missing.join(", ")}`).toEqual([]);
    for (const table of tables) expect(await rowsOf(db, table, gone.id), table).toBeGreaterThan(0);

    expect(await deleteUser(db, gone.id)).toBe(true);

    for (const table of tables) {
      expect(await rowsOf(db, table, gone.id), `${table} still has rows of the deleted holder`).toBe(0);
      expect(await rowsOf(db, table, stays.id), `${table} lost rows of another holder`).toBeGreaterThan(0);
    }
    const usersLeft = await db.select().from(schema.users);
    expect(usersLeft.map((u) => u.id)).not.toContain(gone.id);
    expect(usersLeft.map((u) => u.id)).toContain(stays.id);
    // A second delete finds nothing.
    expect(await deleteUser(db, gone.id)).toBe(false);
  });

  it("has every foreign key to users cascade on delete (so no row can block or outlive a deletion)", async () => {
    const result = await ctx.handle.db.execute(sql`
      select c.conrelid::regclass::text as child, c.conname as name, c.confdeltype as on_delete
      from pg_constraint c
      where c.contype = 'f' and c.confrelid = 'public.users'::regclass`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { child: string; name: string; on_delete: string }[];
    const children = rows.map((r) => r.child.replace(/^public\./, "").replaceAll('"', "")).sort();
    expect(children).toEqual(userOwnedTables().map((t) => t.name).sort());
    expect(rows.filter((r) => r.on_delete !== "c").map((r) => `${r.child}.${r.name}`)).toEqual([]);
  });
});
