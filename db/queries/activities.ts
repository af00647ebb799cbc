import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, activityExclusions, certifications, evidence } from "@/db/schema";
import type { EvidenceMeta } from "./evidence";
import { isUuid } from "./users";

export type ActivityFields = {
  packId: string;
  typeId: string;
  title: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
  quantity: number | null;
  details: Record<string, unknown>;
  manualPoints: number | null;
  manualReason: string | null;
  notes: string | null;
};

export type ActivityRow = ActivityFields & {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  /** Certifications the holder chose not to count this activity for. */
  excludedCertificationIds: string[];
  evidenceCount: number;
};

// Drizzle writes a column inside a select list without its table ("id"), which a subquery would
// resolve to its own table's id: name the outer column in full.
const outerActivityId = sql.raw(`"activities"."id"`);
const excludedJson = sql<string[]>`coalesce((select array_agg(x.certification_id::text) from activity_exclusions x where x.activity_id = ${outerActivityId}), '{}')`;
const evidenceCount = sql<number>`(select count(*)::int from evidence e where e.activity_id = ${outerActivityId})`;

/** The columns a holder entered for an activity: the start of every activity select list. */
export const activityColumns = {
  id: activities.id,
  packId: activities.packId,
  typeId: activities.typeId,
  title: activities.title,
  provider: activities.provider,
  startDate: activities.startDate,
  endDate: activities.endDate,
  quantity: activities.quantity,
  details: activities.details,
  manualPoints: activities.manualPoints,
  manualReason: activities.manualReason,
};

const rowSelection = {
  ...activityColumns,
  notes: activities.notes,
  version: activities.version,
  createdAt: activities.createdAt,
  updatedAt: activities.updatedAt,
  deletedAt: activities.deletedAt,
  excludedCertificationIds: excludedJson,
  evidenceCount,
};

function fixRow<T extends { evidenceCount: number; excludedCertificationIds: string[] }>(row: T): T {
  return { ...row, evidenceCount: Number(row.evidenceCount), excludedCertificationIds: row.excludedCertificationIds ?? [] };
}

/** Only certifications of the holder may be excluded; foreign ids are dropped. */
async function ownCertificationIds(db: Database, userId: string, ids: string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ id: certifications.id })
    .from(certifications)
    .where(and(eq(certifications.userId, userId), inArray(certifications.id, valid)));
  return rows.map((r) => r.id);
}

export async function createActivity(
  db: Database,
  userId: string,
  input: ActivityFields & { excludedCertificationIds?: string[]; importKey?: string | null },
): Promise<{ id: string } | null> {
  const { excludedCertificationIds = [], importKey = null, ...fields } = input;
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(activities)
      .values({ userId, ...fields, importKey })
      .onConflictDoNothing()
      .returning({ id: activities.id });
    const row = rows[0];
    if (!row) return null; // same import key: already imported
    const excluded = await ownCertificationIds(tx as unknown as Database, userId, excludedCertificationIds);
    if (excluded.length) {
      await tx.insert(activityExclusions).values(excluded.map((certificationId) => ({ userId, activityId: row.id, certificationId })));
    }
    return row;
  });
}

/**
 * Creates many activities in one transaction and two statements (CSV import). Rows whose import
 * key exists already are skipped. Returns how many were added and how many were already there.
 * The input is validated activity fields (lib/activities/input via the CSV checks); the SQL takes
 * them as one jsonb parameter, never spliced into the statement.
 */
export async function createActivitiesBulk(
  db: Database,
  userId: string,
  inputs: (ActivityFields & { excludedCertificationIds?: string[]; importKey: string })[],
): Promise<{ added: number; already: number }> {
  if (inputs.length === 0) return { added: 0, already: 0 };
  // The rows go as ONE jsonb parameter expanded by jsonb_to_recordset, not as a VALUES list of
  // 13 parameters per row: for 1,000 rows drizzle's building of 13,000 parameters and the
  // database's parsing of them cost 3-6 times more (bench:import; ~0.5 s per 1,000 rows on PGlite).
  const json = JSON.stringify(
    inputs.map((i) => ({
      packId: i.packId,
      typeId: i.typeId,
      title: i.title,
      provider: i.provider,
      startDate: i.startDate,
      endDate: i.endDate,
      quantity: i.quantity,
      details: i.details,
      manualPoints: i.manualPoints,
      manualReason: i.manualReason,
      notes: i.notes,
      importKey: i.importKey,
    })),
  );
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      insert into activities (user_id, pack_id, type_id, title, provider, start_date, end_date, quantity, details, manual_points, manual_reason, notes, import_key)
      select ${userId}::uuid, r."packId", r."typeId", r.title, r.provider, r."startDate", r."endDate", r.quantity, coalesce(r.details, '{}'::jsonb),
             r."manualPoints", r."manualReason", r.notes, r."importKey"
      from jsonb_to_recordset(${json}::jsonb) as r("packId" text, "typeId" text, title text, provider text, "startDate" date, "endDate" date,
           quantity numeric, details jsonb, "manualPoints" numeric, "manualReason" text, notes text, "importKey" text)
      on conflict do nothing
      returning id, import_key`);
    // PGlite and node-postgres both answer with { rows }.
    const inserted = (result as unknown as { rows: { id: string; import_key: string | null }[] }).rows.map((r) => ({ id: r.id, importKey: r.import_key }));
    const wanted = [...new Set(inputs.flatMap((i) => i.excludedCertificationIds ?? []))];
    const own = new Set(await ownCertificationIds(tx as unknown as Database, userId, wanted));
    const byKey = new Map(inputs.map((i) => [i.importKey, i.excludedCertificationIds ?? []]));
    const exclusions = inserted.flatMap((row) =>
      (byKey.get(row.importKey ?? "") ?? []).filter((c) => own.has(c)).map((certificationId) => ({ userId, activityId: row.id, certificationId })),
    );
    if (exclusions.length) await tx.insert(activityExclusions).values(exclusions).onConflictDoNothing();
    return { added: inserted.length, already: inputs.length - inserted.length };
  });
}

export async function getActivity(db: Database, userId: string, id: string, opts: { includeDeleted?: boolean } = {}): Promise<ActivityRow | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select(rowSelection)
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, id), opts.includeDeleted ? undefined : isNull(activities.deletedAt)))
    .limit(1);
  return rows[0] ? fixRow(rows[0]) : null;
}

type EvidenceJson = Omit<EvidenceMeta, "createdAt"> & { createdAt: string };

/**
 * A live activity and the metadata of its evidence files in ONE statement (the activity page,
 * which the layout's load already costs three queries: bench:queries).
 */
export async function getActivityWithEvidence(db: Database, userId: string, id: string): Promise<{ activity: ActivityRow; files: EvidenceMeta[] } | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select({
      ...rowSelection,
      files: sql<EvidenceJson[]>`coalesce((select json_agg(json_build_object(
        'id', f.id, 'activityId', f.activity_id, 'fileName', f.file_name, 'contentType', f.content_type,
        'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'createdAt', f.created_at
      ) order by f.created_at, f.id) from evidence f where f.activity_id = ${outerActivityId} and f.user_id = ${userId}), '[]'::json)`,
    })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, id), isNull(activities.deletedAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { files, ...activity } = row;
  return { activity: fixRow(activity), files: files.map((f) => ({ ...f, createdAt: new Date(f.createdAt) })) };
}

export type UpdateResult = { status: "ok"; version: number } | { status: "not_found" } | { status: "conflict"; current: ActivityRow };

/** Saves only when the row is still at `expectedVersion`; otherwise says who won. */
export async function updateActivity(
  db: Database,
  userId: string,
  id: string,
  expectedVersion: number,
  input: ActivityFields & { excludedCertificationIds?: string[] },
): Promise<UpdateResult> {
  if (!isUuid(id)) return { status: "not_found" };
  const { excludedCertificationIds, ...fields } = input;
  const result = await db.transaction(async (tx) => {
    const rows = await tx
      .update(activities)
      .set({ ...fields, version: sql`${activities.version} + 1`, updatedAt: new Date() })
      .where(
        and(eq(activities.userId, userId), eq(activities.id, id), eq(activities.version, expectedVersion), isNull(activities.deletedAt)),
      )
      .returning({ version: activities.version });
    const row = rows[0];
    if (!row) return null;
    if (excludedCertificationIds) {
      await tx.delete(activityExclusions).where(eq(activityExclusions.activityId, id));
      const excluded = await ownCertificationIds(tx as unknown as Database, userId, excludedCertificationIds);
      if (excluded.length) {
        await tx.insert(activityExclusions).values(excluded.map((certificationId) => ({ userId, activityId: id, certificationId })));
      }
    }
    return row;
  });
  if (result) return { status: "ok", version: result.version };
  const current = await getActivity(db, userId, id);
  return current ? { status: "conflict", current } : { status: "not_found" };
}

/** Soft delete (undo restores it). */
export async function deleteActivity(db: Database, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(activities)
    .set({ deletedAt: new Date() })
    .where(and(eq(activities.userId, userId), eq(activities.id, id), isNull(activities.deletedAt)))
    .returning({ id: activities.id });
  return rows.length === 1;
}

export async function restoreActivity(db: Database, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(activities)
    .set({ deletedAt: null, version: sql`${activities.version} + 1` })
    .where(and(eq(activities.userId, userId), eq(activities.id, id), isNotNull(activities.deletedAt)))
    .returning({ id: activities.id });
  return rows.length === 1;
}

/** Likely duplicates: same type on the same start date with the same title (any letter case). */
export async function findLikelyDuplicates(
  db: Database,
  userId: string,
  probe: { typeId: string; startDate: string; title: string; excludeId?: string },
): Promise<{ id: string; title: string; startDate: string }[]> {
  return db
    .select({ id: activities.id, title: activities.title, startDate: activities.startDate })
    .from(activities)
    .where(
      and(
        eq(activities.userId, userId),
        isNull(activities.deletedAt),
        eq(activities.typeId, probe.typeId),
        eq(activities.startDate, probe.startDate),
        sql`lower(${activities.title}) = lower(${probe.title.trim()})`,
        probe.excludeId && isUuid(probe.excludeId) ? sql`${activities.id} <> ${probe.excludeId}` : undefined,
      ),
    )
    .limit(5);
}

export type ActivityListFilters = {
  packId?: string;
  /** Activities whose type is one of these (a category filter resolves to its types). */
  typeIds?: string[];
  /** Activities whose details.categoryId is one of these (categories the holder picks, e.g. PMI). */
  detailCategoryIds?: string[];
  from?: string;
  to?: string;
  missingEvidence?: boolean;
  /** Not excluded for this certification (the date window is given by from/to). */
  countsForCertificationId?: string;
  search?: string;
};
export type ActivitySort = "date_desc" | "date_asc" | "title_asc" | "title_desc" | "created_desc";

function listWhere(userId: string, f: ActivityListFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(activities.userId, userId), isNull(activities.deletedAt)];
  if (f.packId) conds.push(eq(activities.packId, f.packId));
  const typeOr: SQL[] = [];
  if (f.typeIds) typeOr.push(f.typeIds.length ? inArray(activities.typeId, f.typeIds) : sql`false`);
  if (f.detailCategoryIds?.length) typeOr.push(inArray(sql`${activities.details}->>'categoryId'`, f.detailCategoryIds));
  if (typeOr.length) conds.push(or(...typeOr));
  if (f.from) conds.push(gte(activities.startDate, f.from));
  if (f.to) conds.push(lte(activities.startDate, f.to));
  if (f.missingEvidence) conds.push(sql`not exists (select 1 from evidence e where e.activity_id = ${activities.id})`);
  if (f.countsForCertificationId && isUuid(f.countsForCertificationId)) {
    conds.push(
      sql`not exists (select 1 from activity_exclusions x where x.activity_id = ${activities.id} and x.certification_id = ${f.countsForCertificationId})`,
    );
  }
  if (f.search?.trim()) {
    const pattern = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(activities.title, pattern), ilike(activities.provider, pattern)));
  }
  return and(...conds);
}

const sorts: Record<ActivitySort, SQL[]> = {
  date_desc: [desc(activities.startDate), desc(activities.createdAt)],
  date_asc: [asc(activities.startDate), asc(activities.createdAt)],
  title_asc: [asc(sql`lower(${activities.title})`), desc(activities.startDate)],
  title_desc: [desc(sql`lower(${activities.title})`), desc(activities.startDate)],
  created_desc: [desc(activities.createdAt)],
};

/** One page of the log and the total count, in one query. */
export async function listActivities(
  db: Database,
  userId: string,
  filters: ActivityListFilters,
  opts: { sort?: ActivitySort; page?: number; pageSize?: number } = {},
): Promise<{ rows: ActivityRow[]; total: number }> {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 500);
  const page = Math.max(opts.page ?? 1, 1);
  const where = listWhere(userId, filters);
  // The total is an uncorrelated subquery over the same conditions (its "activities" is its own
  // FROM): computed once, while the per-row subqueries run only for the page's rows. A window
  // count(*) over () would make PostgreSQL project every matching row first (20,000 → slow).
  const rows = await db
    .select({ ...rowSelection, total: sql<number>`(select count(*)::int from activities where ${where})` })
    .from(activities)
    .where(where)
    .orderBy(...sorts[opts.sort ?? "date_desc"])
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && page > 1) {
    // Past the last page: still say how many there are.
    const counted = await db.select({ n: sql<number>`count(*)::int` }).from(activities).where(where);
    total = Number(counted[0]?.n ?? 0);
  }
  return { rows: rows.map(({ total: _t, ...r }) => fixRow(r)), total };
}

export type ScoringRow = {
  id: string;
  packId: string;
  typeId: string;
  title: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
  quantity: number | null;
  details: Record<string, unknown>;
  manualPoints: number | null;
  manualReason: string | null;
  excludedCertificationIds: string[];
  evidenceCount: number;
};

/**
 * What the rule engine needs of each activity, for the holders `owner` picks (a condition on a
 * table's user_id): the columns, plus exclusions and evidence counts as grouped subqueries (one
 * pass each, joined by activity id) — with 20,000 activities per-row subqueries cost seconds.
 * listActivitiesForScoring (one holder) and the reminder job (many) select through it.
 */
export function scoringSources(db: Database, owner: (userId: typeof activityExclusions.userId | typeof evidence.userId) => SQL) {
  const excl = db
    .select({ activityId: activityExclusions.activityId, ids: sql<string[]>`array_agg(${activityExclusions.certificationId}::text)`.as("ids") })
    .from(activityExclusions)
    .where(owner(activityExclusions.userId))
    .groupBy(activityExclusions.activityId)
    .as("x");
  const ev = db
    .select({ activityId: evidence.activityId, n: sql<number>`count(*)::int`.as("n") })
    .from(evidence)
    .where(owner(evidence.userId))
    .groupBy(evidence.activityId)
    .as("e");
  const fields = {
    ...activityColumns,
    excludedCertificationIds: sql<string[]>`coalesce(${excl.ids}, '{}')`,
    evidenceCount: sql<number>`coalesce(${ev.n}, 0)`,
  };
  return { excl, ev, fields };
}

/** Every live activity of the holder with what the rule engine needs, in one query (scoringSources). */
export async function listActivitiesForScoring(
  db: Database,
  userId: string,
  /** Only this pack's activities that overlap from..to (a cycle's window), e.g. for the form's preview. */
  only: { packId?: string; from?: string; to?: string } = {},
): Promise<ScoringRow[]> {
  const { excl, ev, fields } = scoringSources(db, (owner) => eq(owner, userId));
  const rows = await db
    .select(fields)
    .from(activities)
    .leftJoin(excl, eq(excl.activityId, activities.id))
    .leftJoin(ev, eq(ev.activityId, activities.id))
    .where(
      and(
        eq(activities.userId, userId),
        isNull(activities.deletedAt),
        only.packId ? eq(activities.packId, only.packId) : undefined,
        only.to ? lte(activities.startDate, only.to) : undefined,
        only.from ? sql`coalesce(${activities.endDate}, ${activities.startDate}) >= ${only.from}` : undefined,
      ),
    )
    // Ties broken by creation, then id: the engine sees the same order after a restore or a VACUUM
    // (physical row order is not an order), so caps and warnings land on the same activities.
    .orderBy(asc(activities.startDate), asc(activities.createdAt), asc(activities.id));
  return rows.map(fixRow);
}

export { evidence as evidenceTable };
