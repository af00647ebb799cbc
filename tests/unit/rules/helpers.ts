/** Builders for rule-engine tests: plain, fully specified inputs. */
import type { ActivityInput, ActivityScore, CertificationInput, ProgressReport } from "@/lib/rules";

export function act(id: string, typeId: string, startDate: string, extra: Partial<ActivityInput> = {}, packId = "ascm"): ActivityInput {
  return { id, packId, typeId, startDate, ...extra };
}

export function hours(id: string, startDate: string, quantity: number, extra: Partial<ActivityInput> = {}): ActivityInput {
  return act(id, "attend_training", startDate, { quantity, ...extra });
}

export function cert(credentialCode: string, earnedDate: string, extra: Partial<CertificationInput> = {}, packId = "ascm"): CertificationInput {
  return { id: credentialCode.toLowerCase(), packId, credentialCode, earnedDate, ...extra };
}

export function okScore(s: ActivityScore): Extract<ActivityScore, { ok: true }> {
  if (!s.ok) throw new Error(`expected a score, got errors ${JSON.stringify(s.errors)}`);
  return s;
}

/** Counted points per category id, flattened (children included). */
export function countedByCategory(r: ProgressReport): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (lines: ProgressReport["categories"]) => {
    for (const l of lines) {
      out[l.id] = l.counted;
      walk(l.children);
    }
  };
  walk(r.categories);
  return out;
}

export function warningCodes(r: ProgressReport): string[] {
  return r.warnings.map((w) => w.code);
}
