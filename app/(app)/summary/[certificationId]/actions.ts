"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { deleteRenewal, getCertification, upsertRenewal } from "@/db/queries/certifications";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { formatDate, todayIn } from "@/lib/dates";
import { type FormState, invalid, parseForm } from "@/lib/forms";
import { toCertificationInput } from "@/lib/progress/load";
import { cyclesOf } from "@/lib/rules";
import { checkApprovedDate, checkSubmittedDate, MarkApprovedSchema, MarkSubmittedSchema, UndoRenewalSchema } from "@/lib/summary/renewal";

const GONE: FormState = { status: "error", message: "This certification or cycle no longer exists.", fieldErrors: {}, values: {} };

/** The holder's certification and its open (current, not yet approved) cycle, if dueDate names it. */
async function openCycle(userId: string, timezone: string, certificationId: string, dueDate: string) {
  const db = await getDb();
  const cert = await getCertification(db, userId, certificationId);
  if (!cert) return null;
  const today = todayIn(timezone);
  const cycles = cyclesOf(toCertificationInput(cert), today);
  const cycle = cycles[cycles.length - 1];
  if (!cycle || cycle.error || cycle.closed || cycle.dueDate !== dueDate) return null;
  const renewal = cert.renewals.find((r) => r.dueDate === dueDate) ?? null;
  return { db, cert, cycle, today, renewal };
}

export async function markSubmittedAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(MarkSubmittedSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { certificationId, dueDate, submittedDate, pointsClaimed } = parsed.data;
  const open = await openCycle(user.id, user.timezone, certificationId, dueDate);
  if (!open) return GONE;
  const errors = checkSubmittedDate(open.cycle, submittedDate, open.today);
  if (errors) return invalid(formData, errors);
  await upsertRenewal(open.db, user.id, certificationId, { dueDate, submittedDate, approvedDate: null, pointsClaimed });
  await audit({ userId: user.id, action: "renewal.submitted", ip: clientIp(await headers()), detail: { certificationId, dueDate, submittedDate } });
  revalidatePath(`/summary/${certificationId}`);
  return { status: "success", message: `Marked as submitted on ${formatDate(submittedDate)}. Mark it approved when ${open.cert.packId.toUpperCase()} confirms.` };
}

export async function markApprovedAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(MarkApprovedSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { certificationId, dueDate, approvedDate } = parsed.data;
  const open = await openCycle(user.id, user.timezone, certificationId, dueDate);
  if (!open) return GONE;
  const errors = checkApprovedDate(open.cycle, open.renewal?.submittedDate ?? null, approvedDate, open.today);
  if (errors) return invalid(formData, errors);
  await upsertRenewal(open.db, user.id, certificationId, {
    dueDate,
    submittedDate: open.renewal?.submittedDate ?? null,
    approvedDate,
    pointsClaimed: open.renewal?.pointsClaimed ?? null,
  });
  await audit({ userId: user.id, action: "renewal.approved", ip: clientIp(await headers()), detail: { certificationId, dueDate, approvedDate } });
  revalidatePath("/summary");
  // The approved cycle is now a past one; its summary stays where it was, under its index.
  redirect(`/summary/${certificationId}?cycle=${open.cycle.index}&approved=1`);
}

/**
 * Steps the latest record back once: an approval is withdrawn (the cycle reopens), or else a
 * submission is removed. Only the latest renewal can be undone, so earlier cycles never shift.
 */
export async function undoRenewalAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = UndoRenewalSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/summary");
  const { certificationId, dueDate } = parsed.data;
  const db = await getDb();
  const cert = await getCertification(db, user.id, certificationId);
  if (!cert) redirect("/summary");
  const latest = cert.renewals[cert.renewals.length - 1];
  if (!latest || latest.dueDate !== dueDate) redirect(`/summary/${certificationId}`);
  if (latest.approvedDate) {
    await upsertRenewal(db, user.id, certificationId, {
      dueDate: latest.dueDate,
      submittedDate: latest.submittedDate,
      approvedDate: null,
      pointsClaimed: latest.pointsClaimed,
    });
  } else {
    await deleteRenewal(db, user.id, latest.id);
  }
  await audit({
    userId: user.id,
    action: latest.approvedDate ? "renewal.approval_undone" : "renewal.submission_undone",
    ip: clientIp(await headers()),
    detail: { certificationId, dueDate },
  });
  revalidatePath("/summary");
  redirect(`/summary/${certificationId}`);
}
