import "server-only";
import type { Database } from "@/db/client";
import {
  type ActivityRow,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from "@/db/queries/activities";
import { listCertifications } from "@/db/queries/certifications";
import { validateActivity } from "@/lib/activities/input";
import { toActivityInput } from "@/lib/progress/load";
import { scoreActivity } from "@/lib/rules";
import { ApiError, notFound } from "./core";
import { type ActivityDto, toActivityDto } from "./dto";
import { categoryFilter } from "./filters";
import type { ActivityBody, ActivityPatch, ListQuery } from "./schemas";

type Owner = { id: string };

export function activityDto(row: ActivityRow): ActivityDto {
  return toActivityDto(row, scoreActivity(toActivityInput(row)));
}

async function ownCertificationIds(db: Database, owner: Owner): Promise<string[]> {
  return (await listCertifications(db, owner.id)).map((c) => c.id);
}

/** Runs the one activity validation; its field errors become a 422. */
async function validated(db: Database, owner: Owner, draft: Record<string, unknown>) {
  const result = validateActivity(draft, { certificationIds: await ownCertificationIds(db, owner) });
  if (!result.ok) throw new ApiError("validation_failed", "Some fields are not valid.", result.fieldErrors);
  return result.value;
}

export async function listActivitiesApi(db: Database, owner: Owner, q: ListQuery) {
  const filters = {
    packId: q.pack,
    from: q.from,
    to: q.to,
    search: q.q,
    missingEvidence: q.missingEvidence || undefined,
    countsForCertificationId: q.certification,
    ...categoryFilter(q.pack, q.type, q.category),
  };
  const { rows, total } = await listActivities(db, owner.id, filters, { sort: q.sort, page: q.page, pageSize: q.pageSize });
  return { data: rows.map(activityDto), page: q.page, pageSize: q.pageSize, total };
}

export async function createActivityApi(db: Database, owner: Owner, body: ActivityBody): Promise<ActivityDto> {
  const value = await validated(db, owner, body);
  const created = await createActivity(db, owner.id, value);
  const row = created && (await getActivity(db, owner.id, created.id));
  if (!row) throw new Error("created activity not found");
  return activityDto(row);
}

export async function getActivityApi(db: Database, owner: Owner, id: string): Promise<ActivityDto> {
  const row = await getActivity(db, owner.id, id);
  if (!row) throw notFound("activity");
  return activityDto(row);
}

function conflict(current: ActivityRow): ApiError {
  return new ApiError(
    "version_conflict",
    `This activity was changed since you read it (now version ${current.version}). Read it again and reapply your change.`,
    { version: `The current version is ${current.version}.` },
    { currentVersion: current.version, current: activityDto(current) },
  );
}

/** Members absent from the patch keep their current value; `details` is replaced as a whole. */
export async function patchActivityApi(db: Database, owner: Owner, id: string, patch: ActivityPatch): Promise<ActivityDto> {
  const current = await getActivity(db, owner.id, id);
  if (!current) throw notFound("activity");
  const { version, ...changes } = patch;
  if (version !== current.version) throw conflict(current);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, deletedAt: _d, evidenceCount: _e, ...fields } = current;
  const value = await validated(db, owner, { ...fields, ...defined });
  const result = await updateActivity(db, owner.id, id, version, value);
  if (result.status === "not_found") throw notFound("activity");
  if (result.status === "conflict") throw conflict(result.current);
  return getActivityApi(db, owner, id);
}

export async function deleteActivityApi(db: Database, owner: Owner, id: string): Promise<void> {
  if (!(await deleteActivity(db, owner.id, id))) throw notFound("activity");
}
