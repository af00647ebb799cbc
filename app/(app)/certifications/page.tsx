import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Card, cx, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";
import { type CertificationView, certificationView, packOptions, stateLabel } from "@/lib/certifications/view";
import { getDashboardData } from "@/lib/dashboard/load";
import { formatDate, formatPoints, todayIn } from "@/lib/dates";
import {
  AddCertificationForm,
  DeleteRenewalButton,
  EditCertificationForm,
  OpeningBalanceForm,
  RemoveCertificationForm,
  RenewalForm,
} from "./forms";

export const metadata: Metadata = { title: "Certifications" };

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

function daysText(days: number): string {
  if (days > 0) return `${days.toLocaleString("en-US")} days left`;
  if (days === 0) return "Due today";
  return `${(-days).toLocaleString("en-US")} days past due`;
}

function StateBadge({ view }: { view: CertificationView }) {
  const label = !view.maintained ? (view.kind === "endorsement" ? "Endorsement" : "Unknown") : view.current ? stateLabel(view.current) : "Check dates";
  const tone =
    label === "Active" || label === "Renewed"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
      : label === "Suspended"
        ? "bg-amber-50 text-amber-900 ring-amber-300"
        : label === "Expired" || label === "Check dates"
          ? "bg-red-50 text-red-800 ring-red-200"
          : "bg-slate-100 text-slate-700 ring-slate-200";
  return <span className={cx("inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1", tone)}>{label}</span>;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium text-ink">{children}</dd>
    </div>
  );
}

function Disclosure({ summary, children, open }: { summary: string; children: React.ReactNode; open?: boolean }) {
  return (
    <details className="group border-t border-slate-200 pt-3" open={open}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">{summary}</summary>
      <div className="mt-4">{children}</div>
    </details>
  );
}

export default async function CertificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const asOf = todayIn(user.timezone);
  // The layout's load (shared per request): designations, and the activities with their
  // exclusions, counted here instead of one query per designation.
  const holder = await getDashboardData(user.id, user.timezone);
  const certs = holder.certifications;
  const views = certs.map((c) => certificationView(c, asOf));
  const excludedBy = new Map<string, number>();
  for (const a of holder.activities) for (const id of a.excludedCertificationIds) excludedBy.set(id, (excludedBy.get(id) ?? 0) + 1);
  const exclusions = views.map((v) => excludedBy.get(v.id) ?? 0);
  const packs = packOptions().map((p) => ({ id: p.id, issuer: p.issuer, unit: p.unit.many, credentials: p.credentials.map((c) => ({ code: c.code, name: c.name, kind: c.kind })) }));
  const removed = typeof sp.removed === "string" && /^[A-Z][A-Z0-9-]{0,20}$/.test(sp.removed) ? sp.removed : null;

  const first = views.length === 0;
  const addCard = (
    <Card aria-labelledby="add-h" className={first ? "border-brand-200" : undefined}>
      <h2 id="add-h" className="text-lg font-semibold">
        {first ? "Add the designations you hold" : "Add a designation"}
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted">
        {first ? "Recert works out each one's cycle and due date from the date you earned it, and counts your activities toward it. " : ""}
        ASCM&apos;s CPIM, CSCP, CLTD and CTSC need 75 points every five years (Fellows 100).
      </p>
      <AddCertificationForm packs={packs} today={asOf} />
    </Card>
  );

  return (
    <>
      <PageHeader title="Certifications" description="The designations you hold, their maintenance cycles and renewals." />
      <div className="space-y-6">
        {removed ? <Alert tone="success">{removed} is removed. Your activities are kept.</Alert> : null}
        {first ? addCard : null}
        {views.map((v, i) => {
          const unit = packs.find((p) => p.id === v.packId)?.unit ?? "points";
          const excluded = exclusions[i] ?? 0;
          const consequences = [
            `Removing ${v.credentialCode} deletes its cycle history`,
            v.renewals.length ? plural(v.renewals.length, "recorded renewal", "recorded renewals") : null,
            v.balance && v.balance.total > 0 ? `its opening balance (${formatPoints(v.balance.total)} ${unit})` : null,
            excluded ? `and the choice to leave ${plural(excluded, "activity", "activities")} off its count` : null,
          ]
            .filter(Boolean)
            .join(", ");
          return (
            <Card key={v.id} aria-labelledby={`cert-${v.id}`} className="space-y-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 id={`cert-${v.id}`} className="text-xl font-bold text-ink">
                    {v.credentialCode}
                  </h2>
                  <p className="text-sm text-muted">
                    {v.credentialName} · {v.issuer}
                  </p>
                </div>
                <StateBadge view={v} />
              </div>

              <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
                <Fact label="Earned">{formatDate(v.earnedDate)}</Fact>
                <Fact label={`${v.issuer} ID`}>{v.holderId ?? <span className="font-normal text-muted">Not given</span>}</Fact>
                {v.current ? (
                  <>
                    <Fact label="Cycle started">{formatDate(v.current.start)}</Fact>
                    <Fact label="Due date">{formatDate(v.current.dueDate)}</Fact>
                    <Fact label="Suspension ends">{formatDate(v.current.suspensionEnd)}</Fact>
                    <Fact label="Countdown">{v.current.closed ? "Renewed" : daysText(v.current.daysToDue)}</Fact>
                  </>
                ) : null}
              </dl>

              {!v.maintained && v.kind === "endorsement" ? (
                <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-ink">
                  {v.credentialCode} is an endorsement: {v.issuer} does not require maintenance for it, so it has no due date and nothing to renew.
                </p>
              ) : null}
              {v.problem ? <Alert tone="error">{v.problem}</Alert> : null}
              {v.current ? (
                <p className="text-sm text-muted">
                  {v.requiredPoints ? `${formatPoints(v.requiredPoints)} ${unit} due by ${formatDate(v.current.dueDate)}. ` : ""}
                  Activities dated {formatDate(v.current.countsFrom)} to {formatDate(v.current.countsUntil)} count toward this cycle.{" "}
                  <Link href={`/activities?cert=${v.id}`} className="font-medium text-brand-700 underline">
                    See them
                  </Link>
                </p>
              ) : null}

              {v.past.length > 0 || v.renewals.length > 0 ? (
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="mb-2 text-left text-sm font-semibold text-ink">Cycles and renewals</caption>
                    <thead className="text-xs uppercase tracking-wide text-muted">
                      <tr>
                        <th scope="col" className="py-1 pr-3 font-semibold">Cycle</th>
                        <th scope="col" className="py-1 pr-3 font-semibold">Due</th>
                        <th scope="col" className="py-1 pr-3 font-semibold">Submitted</th>
                        <th scope="col" className="py-1 pr-3 font-semibold">Approved</th>
                        <th scope="col" className="py-1 font-semibold"><span className="sr-only">Actions</span></th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {[...(v.current ? [v.current] : []), ...v.past].map((c) => {
                        const r = v.renewals.find((x) => x.dueDate === c.dueDate);
                        return (
                          <tr key={c.dueDate}>
                            <td className="py-2 pr-3">
                              {formatDate(c.start)}
                              {c === v.current ? <span className="text-muted"> (current)</span> : null}
                            </td>
                            <td className="py-2 pr-3">{formatDate(c.dueDate)}</td>
                            <td className="py-2 pr-3">{r?.submittedDate ? formatDate(r.submittedDate) : "—"}</td>
                            <td className="py-2 pr-3">{r?.approvedDate ? formatDate(r.approvedDate) : "—"}</td>
                            <td className="py-2 text-right">{r ? <DeleteRenewalButton renewalId={r.id} label={formatDate(c.dueDate)} /> : null}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ) : null}

              {v.maintained && v.dueDates.length > 0 ? (
                <Disclosure summary="Record a renewal">
                  <p className="mb-4 text-sm text-muted">
                    Renewed before you started using Recert? Record each approved renewal, oldest first: the next due date appears after each one.
                  </p>
                  <RenewalForm certificationId={v.id} dueDates={v.dueDates} today={asOf} />
                </Disclosure>
              ) : null}
              {v.balance ? (
                <Disclosure summary={`Opening balance${v.balance.total > 0 ? `: ${formatPoints(v.balance.total)} ${unit}` : ""}`}>
                  <p className="mb-4 text-sm text-muted">
                    Points you earned in this cycle (due {formatDate(v.balance.cycleDueDate)}) before you started tracking here, by category. Leave a category empty for none.
                  </p>
                  <OpeningBalanceForm
                    certificationId={v.id}
                    categories={v.balance.categories}
                    attested={v.balance.attested}
                    note={v.balance.note ?? ""}
                    unit={unit}
                  />
                </Disclosure>
              ) : null}
              <Disclosure summary={`Edit ${v.credentialCode}`}>
                <EditCertificationForm id={v.id} code={v.credentialCode} earnedDate={v.earnedDate} holderId={v.holderId ?? ""} issuer={v.issuer} today={asOf} />
              </Disclosure>
              <Disclosure summary={`Remove ${v.credentialCode}`}>
                <RemoveCertificationForm id={v.id} code={v.credentialCode} consequences={`${consequences}. Your activities and their evidence stay in your log.`} />
              </Disclosure>
            </Card>
          );
        })}
        {first ? null : addCard}
      </div>
    </>
  );
}
