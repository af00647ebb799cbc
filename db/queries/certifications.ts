import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activityExclusions, certifications, openingBalances, renewals } from "@/db/schema";
import { isUuid } from "./users";

export type RenewalRow = {
  id: string;
  dueDate: string;
  submittedDate: string | null;
  approvedDate: string | null;
  pointsClaimed: number | null;
};
export type OpeningBalanceRow = {
  id: string;
  cycleDueDate: string;
  categoryId: string;
  points: number;
  attested: boolean;
  note: string | null;
};
export type CertificationWithHistory = {
  id: string;
  packId: string;
  credentialCode: string;
  earnedDate: string;
  holderId: string | null;
  createdAt: Date;
  renewals: RenewalRow[];
  openingBalances: OpeningBalanceRow[];
};

// One query for a holder's certifications with their renewals and opening balances (json_agg
// subqueries), so pages stay within their query budget whatever the history.
// Drizzle writes a column inside a select list without its table ("id"), which the subquery would
// resolve to its own table's id: name the outer column in full.
const outerCertificationId = sql.raw(`"certifications"."id"`);
const renewalsJson = sql<RenewalRow[]>`coalesce((
  select json_agg(json_build_object(
    'id', r.id, 'dueDate', r.due_date, 'submittedDate', r.submitted_date,
    'approvedDate', r.approved_date, 'pointsClaimed', r.points_claimed
  ) order by r.due_date)
  from renewals r where r.certification_id = ${outerCertificationId}), '[]'::json)`;
const balancesJson = sql<OpeningBalanceRow[]>`coalesce((
  select json_agg(json_build_object(
    'id', b.id, 'cycleDueDate', b.cycle_due_date, 'categoryId', b.category_id,
    'points', b.points, 'attested', b.attested, 'note', b.note
  ) order by b.cycle_due_date, b.category_id)
  from opening_balances b where b.certification_id = ${outerCertificationId}), '[]'::json)`;

function normalise(row: {
  id: string;
  packId: string;
  credentialCode: string;
  earnedDate: string;
  holderId: string | null;
  createdAt: Date;
  renewals: RenewalRow[];
  openingBalances: OpeningBalanceRow[];
}): CertificationWithHistory {
  return {
    ...row,
    // numeric arrives as a string inside JSON
    renewals: row.renewals.map((r) => ({ ...r, pointsClaimed: r.pointsClaimed === null ? null : Number(r.pointsClaimed) })),
    openingBalances: row.openingBalances.map((b) => ({ ...b, points: Number(b.points) })),
  };
}

const selection = {
  id: certifications.id,
  packId: certifications.packId,
  credentialCode: certifications.credentialCode,
  earnedDate: certifications.earnedDate,
  holderId: certifications.holderId,
  createdAt: certifications.createdAt,
  renewals: renewalsJson,
  openingBalances: balancesJson,
};

export async function listCertifications(db: Database, userId: string): Promise<CertificationWithHistory[]> {
  const rows = await db
    .select(selection)
    .from(certifications)
    .where(eq(certifications.userId, userId))
    .orderBy(asc(certifications.earnedDate), asc(certifications.credentialCode));
  return rows.map(normalise);
}

/**
 * What every signed-in page reads for the holder's designations and banners, in ONE statement:
 * the certifications as listCertifications gives them, the keys of the banners the holder
 * dismissed, and the holder's data version (users.data_version, bumped by triggers whenever
 * their activities, exclusions or evidence change) — uncorrelated subqueries, evaluated once,
 * repeated on each row. No certification, no row: no banner (banners are about certifications)
 * and no version (dataVersion null: the caller reads the activities without its cache).
 */
export async function listCertificationsAndDismissals(
  db: Database,
  userId: string,
): Promise<{ certifications: CertificationWithHistory[]; dismissed: string[]; dataVersion: number | null }> {
  const rows = await db
    .select({
      ...selection,
      dismissed: sql<string[]>`coalesce((select array_agg(d.banner_key order by d.banner_key) from banner_dismissals d where d.user_id = ${userId}), '{}')`,
      dataVersion: sql<number>`(select u.data_version from users u where u.id = ${userId})`,
    })
    .from(certifications)
    .where(eq(certifications.userId, userId))
    .orderBy(asc(certifications.earnedDate), asc(certifications.credentialCode));
  const first = rows[0];
  return {
    certifications: rows.map(({ dismissed: _d, dataVersion: _v, ...row }) => normalise(row)),
    dismissed: first?.dismissed ?? [],
    dataVersion: first && first.dataVersion !== null ? Number(first.dataVersion) : null,
  };
}

/** listCertifications for several holders in one query (the reminder run's batches), by holder. */
export async function listCertificationsOfHolders(db: Database, userIds: string[]): Promise<Map<string, CertificationWithHistory[]>> {
  const byHolder = new Map<string, CertificationWithHistory[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byHolder;
  const rows = await db
    .select({ ...selection, userId: certifications.userId })
    .from(certifications)
    .where(inArray(certifications.userId, userIds))
    .orderBy(asc(certifications.userId), asc(certifications.earnedDate), asc(certifications.credentialCode));
  for (const { userId, ...row } of rows) byHolder.get(userId)?.push(normalise(row));
  return byHolder;
}

export async function getCertification(db: Database, userId: string, id: string): Promise<CertificationWithHistory | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select(selection)
    .from(certifications)
    .where(and(eq(certifications.userId, userId), eq(certifications.id, id)))
    .limit(1);
  return rows[0] ? normalise(rows[0]) : null;
}

export type CertificationFields = { packId: string; credentialCode: string; earnedDate: string; holderId: string | null };

/** Null when the holder already has this credential. */
export async function createCertification(db: Database, userId: string, input: CertificationFields): Promise<{ id: string } | null> {
  const rows = await db
    .insert(certifications)
    .values({ userId, ...input })
    .onConflictDoNothing()
    .returning({ id: certifications.id });
  return rows[0] ?? null;
}

export async function updateCertification(
  db: Database,
  userId: string,
  id: string,
  patch: Partial<Pick<CertificationFields, "earnedDate" | "holderId">>,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(certifications)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(certifications.userId, userId), eq(certifications.id, id)))
    .returning({ id: certifications.id });
  return rows.length === 1;
}

export async function deleteCertification(db: Database, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(certifications)
    .where(and(eq(certifications.userId, userId), eq(certifications.id, id)))
    .returning({ id: certifications.id });
  return rows.length === 1;
}

export type RenewalFields = { dueDate: string; submittedDate: string | null; approvedDate: string | null; pointsClaimed: number | null };

/** Records (or updates) the application for one due date. False when the certification is not the holder's. */
export async function upsertRenewal(db: Database, userId: string, certificationId: string, input: RenewalFields): Promise<boolean> {
  if (!(await getCertificationOwned(db, userId, certificationId))) return false;
  await db
    .insert(renewals)
    .values({ userId, certificationId, ...input })
    .onConflictDoUpdate({
      target: [renewals.certificationId, renewals.dueDate],
      set: { submittedDate: input.submittedDate, approvedDate: input.approvedDate, pointsClaimed: input.pointsClaimed },
    });
  return true;
}

export async function deleteRenewal(db: Database, userId: string, renewalId: string): Promise<boolean> {
  if (!isUuid(renewalId)) return false;
  const rows = await db
    .delete(renewals)
    .where(and(eq(renewals.userId, userId), eq(renewals.id, renewalId)))
    .returning({ id: renewals.id });
  return rows.length === 1;
}

export type OpeningBalanceFields = { cycleDueDate: string; categoryId: string; points: number; attested: boolean; note: string | null };

/** Sets the opening balance of one category for one cycle; 0 points removes it. */
export async function setOpeningBalance(db: Database, userId: string, certificationId: string, input: OpeningBalanceFields): Promise<boolean> {
  if (!(await getCertificationOwned(db, userId, certificationId))) return false;
  if (input.points === 0) {
    await db
      .delete(openingBalances)
      .where(
        and(
          eq(openingBalances.certificationId, certificationId),
          eq(openingBalances.cycleDueDate, input.cycleDueDate),
          eq(openingBalances.categoryId, input.categoryId),
        ),
      );
    return true;
  }
  await db
    .insert(openingBalances)
    .values({ userId, certificationId, ...input })
    .onConflictDoUpdate({
      target: [openingBalances.certificationId, openingBalances.cycleDueDate, openingBalances.categoryId],
      set: { points: input.points, attested: input.attested, note: input.note },
    });
  return true;
}

async function getCertificationOwned(db: Database, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .select({ id: certifications.id })
    .from(certifications)
    .where(and(eq(certifications.userId, userId), eq(certifications.id, id)))
    .limit(1);
  return rows.length === 1;
}

/**
 * Replaces the opening balance of one cycle, every category at once, in one transaction: a
 * category at 0 points is removed. False (and nothing written) when the certification is not the holder's.
 */
export async function setOpeningBalances(
  db: Database,
  userId: string,
  certificationId: string,
  cycleDueDate: string,
  lines: { categoryId: string; points: number }[],
  opts: { attested: boolean; note: string | null },
): Promise<boolean> {
  if (!(await getCertificationOwned(db, userId, certificationId))) return false;
  await db.transaction(async (tx) => {
    await tx
      .delete(openingBalances)
      .where(and(eq(openingBalances.userId, userId), eq(openingBalances.certificationId, certificationId), eq(openingBalances.cycleDueDate, cycleDueDate)));
    const rows = lines.filter((l) => l.points > 0);
    if (rows.length) {
      await tx.insert(openingBalances).values(
        rows.map((l) => ({ userId, certificationId, cycleDueDate, categoryId: l.categoryId, points: l.points, attested: opts.attested, note: opts.note })),
      );
    }
  });
  return true;
}

/** How many activities the holder excluded from this certification (said before removing it). */
export async function countExclusions(db: Database, userId: string, certificationId: string): Promise<number> {
  if (!isUuid(certificationId)) return 0;
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activityExclusions)
    .where(and(eq(activityExclusions.userId, userId), eq(activityExclusions.certificationId, certificationId)));
  return Number(rows[0]?.n ?? 0);
}
