/**
 * What the certifications page shows for each designation: the credential from the pack, its
 * cycles from lib/rules (current and past, renewals applied), the due dates a renewal can be for,
 * and the categories an opening balance can go to. Pure: the caller passes asOf.
 */
import type { CertificationWithHistory, RenewalRow } from "@/db/queries/certifications";
import { formatDate } from "@/lib/dates";
import { cyclesOf, getPack, listPacks, type CertificationInput, type CredentialInfo, type Cycle, type PackInfo } from "@/lib/rules";

/** The engine's view of a stored certification (the same mapping as lib/progress/load, kept pure here). */
export function certificationInput(cert: CertificationWithHistory): CertificationInput {
  return {
    id: cert.id,
    packId: cert.packId,
    credentialCode: cert.credentialCode,
    earnedDate: cert.earnedDate,
    renewals: cert.renewals.map((r) => ({ dueDate: r.dueDate, submittedDate: r.submittedDate, approvedDate: r.approvedDate })),
    openingBalances: cert.openingBalances.map((b) => ({ categoryId: b.categoryId, points: b.points, attested: b.attested, cycleDueDate: b.cycleDueDate })),
  };
}

export type CertificationView = {
  id: string;
  packId: string;
  issuer: string;
  credentialCode: string;
  credentialName: string;
  kind: CredentialInfo["kind"] | "unknown";
  maintained: boolean;
  requiredPoints: number;
  earnedDate: string;
  holderId: string | null;
  /** The cycle current on asOf; null for an endorsement or a designation that cannot be dated. */
  current: Cycle | null;
  /** Earlier cycles, newest first. */
  past: Cycle[];
  /** Why the cycle could not be computed, in words. */
  problem: string | null;
  renewals: RenewalRow[];
  /** Due dates a renewal can be recorded for (the cycles' due dates, newest first). */
  dueDates: { value: string; label: string }[];
  balance: {
    cycleDueDate: string;
    categories: { id: string; label: string; depth: number; points: number }[];
    attested: boolean;
    note: string | null;
    total: number;
  } | null;
};

export function packOptions(): PackInfo[] {
  return listPacks();
}

export function credentialOf(packId: string, code: string): CredentialInfo | null {
  return listPacks().find((p) => p.id === packId)?.credentials.find((c) => c.code === code) ?? null;
}

/** Categories that can hold points in a cycle: those of every pack version in force during it. */
export function cycleCategories(packId: string, cycle: { start: string; dueDate: string }): { id: string; label: string; depth: number }[] {
  const pack = getPack(packId);
  if (!pack) return [];
  const out: { id: string; label: string; depth: number }[] = [];
  const seen = new Set<string>();
  const versions = pack.versions.filter((v) => v.effectiveFrom <= cycle.dueDate && (v.effectiveUntil === null || v.effectiveUntil > cycle.start));
  // Newest first: the rules a holder tracks under today come first.
  for (const v of [...versions].reverse()) {
    const add = (parent: string | undefined, depth: number) => {
      for (const c of v.categories.filter((x) => x.parentId === parent)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        out.push({ id: c.id, label: c.label, depth });
        add(c.id, depth + 1);
      }
    };
    add(undefined, 0);
  }
  return out;
}

export function stateLabel(cycle: Cycle): string {
  if (cycle.closed) return "Renewed";
  if (cycle.state === "suspended") return "Suspended";
  if (cycle.state === "expired") return "Expired";
  return "Active";
}

export function certificationView(cert: CertificationWithHistory, asOf: string): CertificationView {
  const pack = listPacks().find((p) => p.id === cert.packId);
  const credential = pack?.credentials.find((c) => c.code === cert.credentialCode) ?? null;
  const maintained = credential?.maintained ?? false;
  let current: Cycle | null = null;
  let past: Cycle[] = [];
  let problem: string | null = null;
  if (!pack || !credential) problem = `Recert does not know the ${cert.packId.toUpperCase()} credential ${cert.credentialCode}.`;
  else if (maintained) {
    const cycles = cyclesOf(certificationInput(cert), asOf);
    const last = cycles[cycles.length - 1] ?? null;
    if (last?.error) problem = last.error.message;
    else {
      current = last;
      past = cycles.slice(0, -1).reverse();
    }
  }
  const dueDateSet = new Set<string>([...(current ? [current.dueDate] : []), ...past.map((c) => c.dueDate), ...cert.renewals.map((r) => r.dueDate)]);
  const dueDates = [...dueDateSet].sort().reverse().map((d) => ({ value: d, label: formatDate(d) }));

  let balance: CertificationView["balance"] = null;
  if (current) {
    const lines = cert.openingBalances.filter((b) => b.cycleDueDate === current.dueDate);
    const categories = cycleCategories(cert.packId, current).map((c) => ({ ...c, points: lines.find((b) => b.categoryId === c.id)?.points ?? 0 }));
    balance = {
      cycleDueDate: current.dueDate,
      categories,
      attested: lines.length > 0 && lines.every((b) => b.attested),
      note: lines.find((b) => b.note)?.note ?? null,
      total: lines.reduce((s, b) => s + b.points, 0),
    };
  }
  return {
    id: cert.id,
    packId: cert.packId,
    issuer: pack?.issuer ?? cert.packId.toUpperCase(),
    credentialCode: cert.credentialCode,
    credentialName: credential?.name ?? cert.credentialCode,
    kind: credential?.kind ?? "unknown",
    maintained,
    requiredPoints: credential?.requiredPoints ?? 0,
    earnedDate: cert.earnedDate,
    holderId: cert.holderId,
    current,
    past,
    problem,
    renewals: cert.renewals,
    dueDates,
    balance,
  };
}
