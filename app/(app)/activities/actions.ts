"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import {
  createActivity,
  deleteActivity,
  findLikelyDuplicates,
  getActivity,
  restoreActivity,
  updateActivity,
} from "@/db/queries/activities";
import { listCertifications } from "@/db/queries/certifications";
import { typeLabel } from "@/lib/activities/catalog";
import { activityChanges, type Change, formDataToDraft, type FormValues } from "@/lib/activities/form-values";
import { validateActivity } from "@/lib/activities/input";
import type { Preview } from "@/lib/activities/preview";
import { previewForHolder } from "@/lib/activities/server";
import { audit } from "@/lib/audit";
import { authedAction, notFoundState } from "@/lib/auth/action";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms";

export type ActivityFormState =
  | FormState
  | { status: "duplicate"; duplicates: { id: string; title: string; startDate: string }[]; values: FormValues }
  | { status: "conflict"; changes: Change[]; version: number; values: FormValues };

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "That activity was not found.");

const SaveMetaSchema = z.object({
  id: uuid.optional().or(z.literal("").transform(() => undefined)),
  version: z.coerce.number().int().min(1).optional(),
  saveAnyway: z.literal("1").optional(),
});

const IdSchema = z.object({ id: uuid });

function changed(a: { typeId: string; startDate: string; title: string }, b: { typeId: string; startDate: string; title: string }): boolean {
  return a.typeId !== b.typeId || a.startDate !== b.startDate || a.title.trim().toLowerCase() !== b.title.trim().toLowerCase();
}

function refresh() {
  revalidatePath("/activities");
  revalidatePath("/dashboard");
  revalidatePath("/certifications");
}

/** Creates or (with id + version) updates an activity. A stale version is reported, never overwritten. */
export async function saveActivityAction(_prev: ActivityFormState, formData: FormData): Promise<ActivityFormState> {
  return authedAction<typeof SaveMetaSchema, ActivityFormState>(formData, SaveMetaSchema, async ({ user, db, data }) => {
    const { raw, values } = formDataToDraft(formData);
    const certs = await listCertifications(db, user.id);
    const v = validateActivity(raw, { certificationIds: certs.map((c) => c.id) });
    if (!v.ok) return { status: "error", message: "Please correct the fields marked below.", fieldErrors: v.fieldErrors, values };
    const draft = v.value;

    const existing = data.id ? await getActivity(db, user.id, data.id) : null;
    if (data.id && !existing) return notFoundState(formData, "activity");
    if (data.saveAnyway !== "1" && (!existing || changed(draft, existing))) {
      const duplicates = await findLikelyDuplicates(db, user.id, { typeId: draft.typeId, startDate: draft.startDate, title: draft.title, excludeId: data.id });
      if (duplicates.length > 0) return { status: "duplicate", duplicates, values };
    }

    if (data.id && existing) {
      const result = await updateActivity(db, user.id, data.id, data.version ?? 0, draft);
      if (result.status === "not_found") return notFoundState(formData, "activity");
      if (result.status === "conflict") {
        const codes = new Map(certs.map((c) => [c.id, c.credentialCode]));
        const changes = activityChanges(draft, result.current, {
          type: (id) => typeLabel(draft.packId, id),
          certification: (id) => codes.get(id) ?? "a removed designation",
        });
        return { status: "conflict", changes, version: result.current.version, values };
      }
      refresh();
      redirect(`/activities/${data.id}?saved=1`);
    }

    const created = await createActivity(db, user.id, draft);
    if (!created) return { status: "error", message: "This activity could not be saved. Please try again.", fieldErrors: {}, values };
    refresh();
    redirect(`/activities/${created.id}?created=1`);
  });
}

/** The live preview of the form: points, rule, source, designations, caps, duplicates. */
export async function previewActivityAction(formData: FormData): Promise<Preview> {
  const user = await requireUser();
  const { raw } = formDataToDraft(formData);
  const id = formData.get("id");
  return previewForHolder(await getDb(), user, raw, typeof id === "string" && id ? id : undefined);
}

/** Soft delete; the list then offers Undo. */
export async function deleteActivityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, IdSchema, async ({ user, db, data }) => {
    if (!(await deleteActivity(db, user.id, data.id))) return notFoundState(formData, "activity");
    await audit({ userId: user.id, action: "activity.deleted", ip: clientIp(await headers()), detail: { activityId: data.id, via: "web" } });
    refresh();
    redirect(`/activities?deleted=${data.id}`);
  });
}

export async function restoreActivityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, IdSchema, async ({ user, db, data }) => {
    if (!(await restoreActivity(db, user.id, data.id))) return notFoundState(formData, "activity");
    refresh();
    redirect(`/activities?restored=${data.id}`);
  });
}
