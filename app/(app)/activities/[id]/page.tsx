import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EvidencePanel } from "@/app/_components/evidence-panel";
import { Alert, ButtonLink, Card, PageHeader } from "@/app/_components/ui";
import { getDb } from "@/db/client";
import { getActivityWithEvidence } from "@/db/queries/activities";
import { typeLabel } from "@/lib/activities/catalog";
import { activityToFormValues } from "@/lib/activities/form-values";
import { formContextOf } from "@/lib/activities/server";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { formatDate } from "@/lib/dates";
import { ActivityForm } from "../activity-form";
import { DeleteActivityForm } from "../delete-forms";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const db = await getDb();
  // Another holder's id is answered exactly like a missing one.
  const found = await getActivityWithEvidence(db, user.id, id);
  if (!found) notFound();
  const { activity, files } = found;
  const { packs, certifications } = formContextOf((await getDashboardData(user.id, user.timezone)).certifications);
  return (
    <>
      <PageHeader
        title={activity.title}
        description={`${typeLabel(activity.packId, activity.typeId)} · ${formatDate(activity.startDate)}${activity.endDate && activity.endDate !== activity.startDate ? ` to ${formatDate(activity.endDate)}` : ""}`}
        actions={
          <ButtonLink href="/activities" kind="secondary">
            All activities
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        {sp.created ? (
          <Alert tone="success" title="Activity saved">
            Attach the certificate or receipt below so it is ready if ASCM audits you.
          </Alert>
        ) : null}
        {sp.saved ? <Alert tone="success">Your changes are saved.</Alert> : null}
        {sp.created ? <EvidencePanel activityId={activity.id} files={files} /> : null}
        <Card aria-labelledby="edit-h">
          <h2 id="edit-h" className="mb-4 text-lg font-semibold">
            Details
          </h2>
          <ActivityForm
            key={activity.version}
            activityId={activity.id}
            version={activity.version}
            initial={activityToFormValues(activity)}
            packs={packs}
            certifications={certifications}
          />
        </Card>
        {sp.created ? null : <EvidencePanel activityId={activity.id} files={files} />}
        <Card aria-labelledby="delete-h">
          <h2 id="delete-h" className="text-lg font-semibold">
            Delete this activity
          </h2>
          <p className="mt-1 mb-4 text-sm text-muted">It leaves your totals at once. You can undo it straight after.</p>
          <DeleteActivityForm id={activity.id} />
        </Card>
      </div>
    </>
  );
}
