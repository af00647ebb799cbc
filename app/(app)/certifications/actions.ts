"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import {
  createCertification,
  deleteCertification,
  deleteRenewal,
  getCertification,
  setOpeningBalances,
  updateCertification,
  upsertRenewal,
} from "@/db/queries/certifications";
import { audit } from "@/lib/audit";
import { authedAction, notFoundState } from "@/lib/auth/action";
import { clientIp } from "@/lib/auth/request-ip";
import {
  AddCertificationSchema,
  CertificationIdSchema,
  EditCertificationSchema,
  IdSchema,
  openingBalanceSchema,
  RenewalIdSchema,
  RenewalSchema,
} from "@/lib/certifications/schemas";
import { certificationView, credentialOf } from "@/lib/certifications/view";
import { todayIn } from "@/lib/dates";
import { type FormState, invalid, parseForm } from "@/lib/forms";

function refresh() {
  revalidatePath("/certifications");
  revalidatePath("/dashboard");
  revalidatePath("/activities");
}

export async function addCertificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, AddCertificationSchema, async ({ user, db, data }) => {
    const credential = credentialOf(data.packId, data.credentialCode);
    if (!credential) return invalid(formData, { credentialCode: "Choose one of the issuer's designations." });
    if (data.earnedDate > todayIn(user.timezone)) return invalid(formData, { earnedDate: "The date you earned it cannot be in the future." });
    const created = await createCertification(db, user.id, data);
    if (!created) return invalid(formData, { credentialCode: `You have already added ${data.credentialCode}. Edit it below instead.` });
    refresh();
    return { status: "success", message: `${data.credentialCode} is added.` };
  });
}

export async function updateCertificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, EditCertificationSchema, async ({ user, db, data }) => {
    if (data.earnedDate > todayIn(user.timezone)) return invalid(formData, { earnedDate: "The date you earned it cannot be in the future." });
    if (!(await updateCertification(db, user.id, data.id, { earnedDate: data.earnedDate, holderId: data.holderId }))) return notFoundState(formData, "certification");
    refresh();
    return { status: "success", message: "Saved." };
  });
}

export async function deleteCertificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, IdSchema, async ({ user, db, data }) => {
    const cert = await getCertification(db, user.id, data.id);
    if (!cert || !(await deleteCertification(db, user.id, data.id))) return notFoundState(formData, "certification");
    await audit({ userId: user.id, action: "certification.deleted", ip: clientIp(await headers()), detail: { certificationId: cert.id, credential: cert.credentialCode } });
    refresh();
    // The card that held this form is gone: say it at the top of the page.
    redirect(`/certifications?removed=${encodeURIComponent(cert.credentialCode)}`);
  });
}

export async function saveRenewalAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, RenewalSchema, async ({ user, db, data }) => {
    const asOf = todayIn(user.timezone);
    const cert = await getCertification(db, user.id, data.certificationId);
    if (!cert) return notFoundState(formData, "certification");
    const view = certificationView(cert, asOf);
    if (!view.maintained) return invalid(formData, { dueDate: `${cert.credentialCode} needs no maintenance, so there is nothing to renew.` });
    if (!view.dueDates.some((d) => d.value === data.dueDate)) return invalid(formData, { dueDate: "Choose one of this designation's due dates." });
    if (data.submittedDate && data.submittedDate > asOf) return invalid(formData, { submittedDate: "The submission date cannot be in the future." });
    if (data.approvedDate && data.approvedDate > asOf) return invalid(formData, { approvedDate: "The approval date cannot be in the future." });
    if (data.submittedDate && data.submittedDate < cert.earnedDate) return invalid(formData, { submittedDate: "This is before you earned the designation." });
    await upsertRenewal(db, user.id, cert.id, {
      dueDate: data.dueDate,
      submittedDate: data.submittedDate,
      approvedDate: data.approvedDate,
      pointsClaimed: data.pointsClaimed,
    });
    refresh();
    return { status: "success", message: data.approvedDate ? "Renewal recorded. The next cycle is shown above." : "Submission recorded." };
  });
}

export async function deleteRenewalAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return authedAction(formData, RenewalIdSchema, async ({ user, db, data }) => {
    if (!(await deleteRenewal(db, user.id, data.renewalId))) return notFoundState(formData, "renewal");
    refresh();
    return { status: "success", message: "Renewal removed." };
  });
}

export async function saveOpeningBalanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // The inputs depend on the designation's categories: find it first, then parse them.
  return authedAction(formData, CertificationIdSchema, async ({ user, db, data }) => {
    const cert = await getCertification(db, user.id, data.certificationId);
    if (!cert) return notFoundState(formData, "certification");
    const view = certificationView(cert, todayIn(user.timezone));
    if (!view.balance) return invalid(formData, {}, `${cert.credentialCode} has no cycle to add points to.`);
    const categories = view.balance.categories;
    const parsed = parseForm(openingBalanceSchema(categories), formData);
    if (!parsed.ok) return parsed.state;
    const values = parsed.data as Record<string, unknown>;
    const lines = categories.map((c) => ({ categoryId: c.id, points: Number(values[`points.${c.id}`] ?? 0) }));
    const note = typeof values.note === "string" && values.note ? values.note : null;
    await setOpeningBalances(db, user.id, cert.id, view.balance.cycleDueDate, lines, { attested: values.attested === "on", note });
    refresh();
    const total = lines.reduce((s, l) => s + l.points, 0);
    return { status: "success", message: total > 0 ? "Opening balance saved." : "Opening balance cleared." };
  });
}
