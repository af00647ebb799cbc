/**
 * A seeded ASCM holder for the summary tests: CPIM earned 15 Mar 2021 (due 31 Mar 2026), a mix
 * of activity types, one capped (service twice in one year), one without evidence, titles that
 * test wrapping, Unicode and CSV formula neutralisation. The report comes from lib/rules.
 */
import { type ActivityInput, type CertificationInput, cyclesOf, evaluate, getPack } from "@/lib/rules";
import { buildSummary, type SubmissionSummary, type SummaryActivity, type SummaryInput } from "@/lib/summary/model";

export const AS_OF = "2025-06-01";
const CERT_ID = "11111111-1111-4111-8111-111111111111";

type Row = SummaryActivity & { hasEvidence: boolean };

let n = 0;
function id(): string {
  n += 1;
  return `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export function ascmRows(): Row[] {
  n = 0;
  const base = { endDate: null, details: {}, manualPoints: null, manualReason: null, provider: null as string | null, hasEvidence: true };
  return [
    { ...base, id: id(), typeId: "online_event", title: "S&OP webinar", provider: "ASCM", startDate: "2021-06-10", quantity: 2 },
    {
      ...base,
      id: id(),
      typeId: "ascm_conference",
      title: "ASCM Connect 2022",
      provider: "ASCM",
      startDate: "2022-10-03",
      endDate: "2022-10-05",
      quantity: 3,
      details: { eventName: "ASCM Connect 2022" },
    },
    { ...base, id: id(), typeId: "book", title: "The Goal", provider: "North River Press", startDate: "2023-02-01", quantity: null, details: { pages: 384 } },
    {
      ...base,
      id: id(),
      typeId: "attend_training",
      title:
        "A very long workshop title about demand-driven material requirements planning, sales and operations execution, and integrated business planning across a global network",
      provider: "Supply Chain Institute of Very Long Names International",
      startDate: "2023-05-09",
      quantity: 7.5,
    },
    { ...base, id: id(), typeId: "volunteer_service", title: "Chapter board, treasurer", startDate: "2024-01-15", quantity: null, details: { role: "Treasurer" } },
    { ...base, id: id(), typeId: "volunteer_service", title: "Chapter events committee", startDate: "2024-06-01", quantity: null, details: {}, hasEvidence: false },
    { ...base, id: id(), typeId: "online_event", title: "=HYPERLINK(\"http://evil\")", provider: "@attacker", startDate: "2024-09-12", quantity: 1 },
    { ...base, id: id(), typeId: "attend_training", title: "Łódź logistics forum – “Lean” ≥ 2 days → notes 🚚", provider: "Müller & Søn", startDate: "2025-01-20", quantity: 4, hasEvidence: false },
  ];
}

export function ascmCert(): CertificationInput & { holderId: string | null } {
  return { id: CERT_ID, packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15", renewals: [], openingBalances: [], holderId: null };
}

export function toInput(r: Row): ActivityInput {
  return {
    id: r.id,
    packId: "ascm",
    typeId: r.typeId,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    quantity: r.quantity,
    details: r.details,
    manualPoints: r.manualPoints === null ? null : { points: r.manualPoints, reason: r.manualReason ?? "" },
    hasEvidence: r.hasEvidence,
  };
}

export function evidenceFor(rows: Row[]): SummaryInput["evidence"] {
  return rows
    .filter((r) => r.hasEvidence)
    .map((r, i) => ({
      id: `eeeeeeee-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
      activityId: r.id,
      fileName: i === 1 ? "Conference Certificate.PDF" : `certificate ${i + 1}.pdf`,
      contentType: "application/pdf",
      sizeBytes: 1000 + i,
      sha256: "ab".repeat(32),
    }));
}

export function summaryFrom(
  rows: Row[],
  opts: { cert?: CertificationInput & { holderId: string | null }; asOf?: string; cycleIndex?: number; isMember?: boolean; name?: string } = {},
): SubmissionSummary {
  const cert = opts.cert ?? ascmCert();
  const asOf = opts.asOf ?? AS_OF;
  const cycles = cyclesOf(cert, asOf);
  const cycle = opts.cycleIndex === undefined ? undefined : cycles.find((c) => c.index === opts.cycleIndex);
  const report = evaluate({ certification: cert, activities: rows.map(toInput), asOf, cycle });
  const pack = getPack(cert.packId);
  if (!pack) throw new Error("pack");
  return buildSummary({
    report,
    pack,
    cycles,
    certification: {
      id: cert.id,
      holderId: cert.holderId,
      renewals: (cert.renewals ?? []).map((r) => ({ dueDate: r.dueDate, submittedDate: r.submittedDate ?? null, approvedDate: r.approvedDate ?? null, pointsClaimed: null })),
      openingBalances: (cert.openingBalances ?? []).map((b) => ({
        cycleDueDate: b.cycleDueDate ?? "",
        categoryId: b.categoryId,
        points: b.points,
        attested: b.attested,
        note: null,
      })),
    },
    holder: { name: opts.name ?? "Dana Holder", issuerIds: { ascm: "1234567" }, isMember: opts.isMember ?? true },
    activities: rows,
    evidence: evidenceFor(rows),
  });
}
