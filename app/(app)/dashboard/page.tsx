import type { Metadata } from "next";
import { ButtonLink, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { latestActivities, planFor } from "@/lib/dashboard/view";
import { formatDate } from "@/lib/dates";
import { isMaintained } from "@/lib/progress/load";
import { getPack } from "@/lib/rules";
import { DesignationCard } from "./designation-card";
import { FirstRun } from "./first-run";
import { LatestActivities } from "./latest-activities";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const data = await getDashboardData(user.id, user.timezone);
  const { reports, certifications, activities, asOf } = data;
  const firstRun = certifications.length === 0 || activities.length === 0;
  const unmaintained = certifications.filter((c) => !isMaintained(c));
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name}`}
        description={`Your designations, points and due dates on ${formatDate(asOf)}.`}
        actions={
          certifications.length > 0 ? (
            <>
              <ButtonLink href="/activities/new">Log an activity</ButtonLink>
              <ButtonLink href="/summary" kind="secondary">
                Submission summary
              </ButtonLink>
            </>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {firstRun ? <FirstRun hasCertification={certifications.length > 0} hasActivity={activities.length > 0} /> : null}
        {reports.map((report) => (
          <DesignationCard
            key={report.certificationId}
            report={report}
            plan={planFor(report, { asOf, isMember: user.isMember })}
            unit={getPack(report.packId)?.unit.many ?? "points"}
          />
        ))}
        {unmaintained.length > 0 ? (
          <p className="text-sm text-muted">
            {unmaintained.map((c) => c.credentialCode).join(", ")} {unmaintained.length === 1 ? "needs" : "need"} no maintenance points,
            so {unmaintained.length === 1 ? "it has" : "they have"} no countdown.
          </p>
        ) : null}
        {certifications.length > 0 ? <LatestActivities items={latestActivities(activities, reports, 5)} total={activities.length} /> : null}
      </div>
    </>
  );
}
