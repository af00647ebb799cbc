/**
 * Backups restore (reference R14; docs/operations.md): a PostgreSQL database dumped with
 * pg_dump -Fc and restored with pg_restore into a fresh database, and a PGlite data folder copied
 * while closed and opened as a copy, give back the same dashboard: every holder's ProgressReports
 * (loadHolderProgress, the one source of the dashboard's totals) are identical, and so are the
 * row counts of every table and the evidence bytes.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, type DbHandle, openPglite, openPostgres } from "@/db/client";
import { createActivity } from "@/db/queries/activities";
import { createCertification, setOpeningBalances, upsertRenewal } from "@/db/queries/certifications";
import { createEvidence, readEvidenceFile } from "@/db/queries/evidence";
import { createUser } from "@/db/queries/users";
import { validateActivity } from "@/lib/activities/input";
import { loadHolderProgress } from "@/lib/progress/load";
import { createPgDatabase } from "../harness";

const AS_OF = "2026-11-01";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

type Seeded = { users: { id: string; timezone: string }[]; evidence: { userId: string; id: string; sha: string }[] };

function draft(raw: Record<string, unknown>) {
  const v = validateActivity(raw);
  if (!v.ok) throw new Error(`bad seed activity: ${JSON.stringify(v.fieldErrors)}`);
  return v.value;
}

/** Three holders with certifications, renewals, opening balances, activities of several types and evidence. */
async function seed(db: Database): Promise<Seeded> {
  const out: Seeded = { users: [], evidence: [] };
  for (let u = 0; u < 3; u++) {
    const user = await createUser(db, { email: `backup-${u}-${crypto.randomUUID()}@example.com`, name: `Backup ${u}`, passwordHash: "x", timezone: u === 1 ? "America/Chicago" : "UTC" });
    if (!user) throw new Error("no user");
    out.users.push({ id: user.id, timezone: user.timezone });
    const cpim = await createCertification(db, user.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-10", holderId: `H-${u}` });
    const cscp = await createCertification(db, user.id, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2016-05-20", holderId: null });
    if (!cpim || !cscp) throw new Error("no certification");
    await upsertRenewal(db, user.id, cscp.id, { dueDate: "2021-05-31", submittedDate: "2021-04-01", approvedDate: "2021-04-20", pointsClaimed: 75 });
    await setOpeningBalances(db, user.id, cpim.id, "2027-03-31", [{ categoryId: "education", points: 3 + u }], { attested: true, note: "Before Recert" });
    for (let i = 0; i < 12; i++) {
      const a = await createActivity(
        db,
        user.id,
        draft(
          i % 3 === 0
            ? { typeId: "attend_training", title: `Workshop ${u}-${i}`, startDate: `2024-0${1 + (i % 9)}-1${i % 10}`, quantity: 2 + (i % 4) * 0.5 }
            : i % 3 === 1
              ? { typeId: "volunteer_service", title: `Chapter board ${u}-${i}`, startDate: `2025-0${1 + (i % 9)}-0${1 + (i % 9)}`, quantity: 1 }
              : { typeId: "online_event", title: `Webinar ${u}-${i}`, startDate: `2023-1${i % 3}-1${i % 10}`, quantity: 1 },
        ),
      );
      if (!a) throw new Error("no activity");
      if (i % 4 === 0) {
        const bytes = new Uint8Array([...PDF, ...new TextEncoder().encode(`% ${u}-${i}\n`)]);
        const e = await createEvidence(
          db,
          user.id,
          { activityId: a.id, fileName: `proof-${i}.pdf`, contentType: "application/pdf", sha256: crypto.createHash("sha256").update(bytes).digest("hex"), bytes },
          { maxFilesPerActivity: 20 },
        );
        if (e.status !== "ok") throw new Error(e.status);
        out.evidence.push({ userId: user.id, id: e.evidence.id, sha: e.evidence.sha256 });
      }
    }
  }
  return out;
}

/** What the dashboards show, what every table holds (counts), and every evidence file's hash. */
async function state(handle: DbHandle, s: Seeded) {
  const reports = [];
  for (const u of s.users) reports.push((await loadHolderProgress(handle.db, u, { asOf: AS_OF })).reports);
  const counts = await handle.db.execute(
    sql`select (select count(*) from users)::int as users, (select count(*) from certifications)::int as certifications, (select count(*) from renewals)::int as renewals,
               (select count(*) from opening_balances)::int as opening_balances, (select count(*) from activities)::int as activities,
               (select count(*) from evidence)::int as evidence, (select count(*) from evidence_blobs)::int as blobs`,
  );
  const files = [];
  for (const e of s.evidence) {
    const f = await readEvidenceFile(handle.db, e.userId, e.id);
    files.push(f ? crypto.createHash("sha256").update(f.bytes).digest("hex") : null);
  }
  return { reports, counts: Array.isArray(counts) ? counts : (counts as unknown as { rows: unknown[] }).rows, files };
}

function summary(st: Awaited<ReturnType<typeof state>>): string {
  const totals = st.reports.flat().map((r) => `${r.credentialCode} ${r.counted}/${r.required}`);
  return `${st.reports.flat().length} reports (${totals.slice(0, 3).join(", ")}…), ${st.files.length} evidence files`;
}

const pgBin = process.env.PG_TEST_BIN ?? (fs.existsSync("/usr/lib/postgresql/15/bin/pg_dump") ? "/usr/lib/postgresql/15/bin" : null);

describe("backups", () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === "true")("PostgreSQL: pg_dump -Fc, pg_restore into a fresh database: the same dashboards, rows and files", async () => {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin || !pgBin) throw new Error("needs TEST_DATABASE_URL and PostgreSQL's pg_dump (tests/pg.sh)");
    const source = await createPgDatabase(admin);
    const target = await createPgDatabase(admin);
    const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "recert-backup-")), "recert.dump");
    const handles: DbHandle[] = [];
    try {
      const a = await openPostgres(source.url, { max: 2 });
      handles.push(a);
      const s = await seed(a.db);
      const before = await state(a, s);
      execFileSync(path.join(pgBin, "pg_dump"), ["--format=custom", "--no-owner", `--file=${dump}`, source.url]);
      execFileSync(path.join(pgBin, "pg_restore"), ["--no-owner", "--exit-on-error", `--dbname=${target.url}`, dump]);
      const b = await openPostgres(target.url, { max: 2 });
      handles.push(b);
      const after = await state(b, s);
      expect(after).toEqual(before);
      expect(before.reports.flat().length).toBeGreaterThanOrEqual(6);
      console.log(`[backup postgres] dump ${fs.statSync(dump).size} bytes restored: ${summary(after)} identical`);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await source.drop();
      await target.drop();
      fs.rmSync(path.dirname(dump), { recursive: true, force: true });
    }
  }, 120_000);

  it("PGlite: the data folder copied while closed opens with the same dashboards, rows and files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recert-backup-"));
    try {
      const original = await openPglite(path.join(dir, "pglite"));
      const s = await seed(original.db);
      const before = await state(original, s);
      await original.close();
      // The documented backup: stop the server, copy the folder.
      fs.cpSync(path.join(dir, "pglite"), path.join(dir, "copy"), { recursive: true });
      const copy = await openPglite(path.join(dir, "copy"));
      try {
        const after = await state(copy, s);
        expect(after).toEqual(before);
        console.log(`[backup pglite] folder copy: ${summary(after)} identical`);
      } finally {
        await copy.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
