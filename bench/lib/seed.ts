/**
 * Bench data written straight into the database before the server opens it (the bench is not the
 * app: a direct seed is the only way to have 20,000 activities or 10,000 holders in seconds).
 * Activities are deterministic (seeded PRNG) and use the common ASCM types with the details each
 * needs, spread over ten years up to `until`, so old ones fall outside the current cycles the way
 * a long-time holder's records do.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { createCertification } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { activities, evidence, evidenceBlobs } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const BENCH_PASSWORD = "bench horse battery staple";

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "supply demand planning inventory lean logistics forecasting procurement S&OP warehouse transport network resilience analytics".split(" ");

export type SeedActivity = {
  typeId: string;
  title: string;
  provider: string | null;
  startDate: string;
  quantity: number | null;
  details: Record<string, unknown>;
};

type Maker = (r: () => number) => Pick<SeedActivity, "typeId" | "quantity" | "details">;

/** The mix of bench/rules.ts: what a busy holder logs. */
const MIX: [number, Maker][] = [
  [34, (r) => ({ typeId: "attend_training", quantity: 0.5 * (1 + Math.floor(r() * 16)), details: {} })],
  [22, (r) => ({ typeId: "online_event", quantity: 0.5 * (1 + Math.floor(r() * 6)), details: {} })],
  [6, (r) => ({ typeId: "teach", quantity: 0.5 * (1 + Math.floor(r() * 8)), details: { topic: `Topic ${Math.floor(r() * 400)}` } })],
  [10, (r) => ({ typeId: "article_read", quantity: 1 + Math.floor(r() * 5), details: {} })],
  [8, (r) => ({ typeId: "book", quantity: null, details: { pages: 200 + Math.floor(r() * 400) } })],
  [3, (r) => ({ typeId: "ascm_conference", quantity: 1 + Math.floor(r() * 3), details: { eventName: `ASCM Connect ${Math.floor(r() * 3)}` } })],
  [3, (r) => ({ typeId: "mentor", quantity: 1 + Math.floor(r() * 3), details: {} })],
  [4, (r) => ({ typeId: "pm_project", quantity: 40 + Math.floor(r() * 200), details: {} })],
  [2, () => ({ typeId: "volunteer_service", quantity: null, details: {} })],
  [2, () => ({ typeId: "ascm_membership", quantity: null, details: {} })],
  [2, () => ({ typeId: "publication", quantity: null, details: {} })],
];
const MIX_TOTAL = MIX.reduce((s, [w]) => s + w, 0);

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `n` activities between ten years before `until` and the day before it. */
export function makeActivities(n: number, seed: number, until: string, years = 10): SeedActivity[] {
  const r = prng(seed);
  const last = Date.parse(`${until}T00:00:00Z`) / 86_400_000 - 1;
  const first = last - Math.round(365.25 * years);
  const out: SeedActivity[] = [];
  for (let i = 0; i < n; i++) {
    let pick = r() * MIX_TOTAL;
    let maker = (MIX[0] as [number, Maker])[1];
    for (const [w, m] of MIX) {
      if (pick < w) {
        maker = m;
        break;
      }
      pick -= w;
    }
    const words = Array.from({ length: 3 + Math.floor(r() * 8) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
    out.push({
      ...maker(r),
      title: `${words} ${i + 1}`,
      provider: r() < 0.7 ? `Provider ${Math.floor(r() * 40)} of supply chain education` : null,
      startDate: isoDay(first + Math.floor(r() * (last - first + 1))),
    });
  }
  return out;
}

export const BENCH_CERTIFICATIONS = [
  { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: "1000001" },
  { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-06-20", holderId: "1000001" },
  { packId: "ascm", credentialCode: "CLTD", earnedDate: "2024-09-10", holderId: "1000001" },
] as const;

export type SeededHolder = { id: string; email: string; password: string; name: string; certificationIds: string[]; activityIds: string[] };

/**
 * A holder with the three ASCM certifications and `n` activities, one in ten with an evidence
 * file (all pointing at one small blob: the list reads the count, never the bytes).
 */
export async function seedHolder(
  db: Database,
  opts: { email: string; name: string; activities: number; until: string; seed?: number; certifications?: number },
): Promise<SeededHolder> {
  const user = await createUser(db, { email: opts.email, name: opts.name, passwordHash: await hashPassword(BENCH_PASSWORD), timezone: "UTC" });
  if (!user) throw new Error(`could not create ${opts.email}`);
  const certificationIds: string[] = [];
  for (const c of BENCH_CERTIFICATIONS.slice(0, opts.certifications ?? 3)) {
    const created = await createCertification(db, user.id, { ...c });
    if (!created) throw new Error("could not create a certification");
    certificationIds.push(created.id);
  }
  const rows = makeActivities(opts.activities, opts.seed ?? 20_261_126, opts.until);
  const activityIds: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((a) => ({ userId: user.id, packId: "ascm", ...a, endDate: null }));
    const ids = await db.insert(activities).values(chunk).returning({ id: activities.id });
    activityIds.push(...ids.map((x) => x.id));
  }
  if (activityIds.length > 0) {
    const blob = await db
      .insert(evidenceBlobs)
      .values({ userId: user.id, data: Buffer.from("%PDF-1.4\n%%EOF\n") })
      .returning({ id: evidenceBlobs.id });
    const blobKey = blob[0]?.id;
    if (!blobKey) throw new Error("no blob");
    const withEvidence = activityIds.filter((_, i) => i % 10 === 0);
    for (let i = 0; i < withEvidence.length; i += 1000) {
      await db.insert(evidence).values(
        withEvidence.slice(i, i + 1000).map((activityId, k) => ({
          userId: user.id,
          activityId,
          fileName: `certificate-${i + k}.pdf`,
          contentType: "application/pdf",
          sizeBytes: 15,
          sha256: "0".repeat(64),
          blobKey,
        })),
      );
    }
  }
  await db.execute(sql`analyze`);
  return { id: user.id, email: opts.email, password: BENCH_PASSWORD, name: opts.name, certificationIds, activityIds };
}
