/**
 * The submission summary against a real database (PGlite and PostgreSQL): loaded in a fixed
 * number of queries, figures equal to lib/rules' report, scoped by owner (another holder's
 * certification is "not found"), past cycles by index or due date, a renewal leaving the past
 * summary unchanged, and the audit pack carrying the stored evidence bytes.
 */
import crypto from "node:crypto";
import { unzipSync } from "fflate";
import { beforeAll, expect, it } from "vitest";
import { countQueries } from "@/db/client";
import { createActivity, listActivitiesForScoring } from "@/db/queries/activities";
import { createCertification, getCertification, upsertRenewal } from "@/db/queries/certifications";
import { createEvidence, readEvidenceFile } from "@/db/queries/evidence";
import { listEvidenceForActivities } from "@/db/queries/summary";
import { createUser, updateProfile } from "@/db/queries/users";
import { validateActivity } from "@/lib/activities/input";
import { toActivityInput, toCertificationInput } from "@/lib/progress/load";
import { evaluate } from "@/lib/rules";
import { auditPackFiles } from "@/lib/summary/exports";
import { loadSummary, loadSummaryIndex } from "@/lib/summary/load";
import { auditPackStream } from "@/lib/summary/zip";
import { describeEachDb } from "../harness";

const AS_OF = "2025-06-01";
const enc = new TextEncoder();
const pdfBytes = (label: string) => enc.encode(`%PDF-1.4\n% ${label}\ntrailer <<>>\n%%EOF\n`);
const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

describeEachDb("submission summary", (ctx) => {
  const db = () => ctx.handle.db;
  let holder: { id: string; name: string; timezone: string; issuerIds: Record<string, string>; isMember: boolean };
  let other: typeof holder;
  let cpimId: string;
  let scorpId: string;
  const activityIds: string[] = [];

  async function makeHolder(name: string) {
    const u = await createUser(db(), { email: `${name.replace(/\W/g, "")}-${Math.random()}@example.com`, name, passwordHash: "x", timezone: "UTC" });
    if (!u) throw new Error("no user");
    return u;
  }
  async function log(userId: string, raw: Record<string, unknown>) {
    const v = validateActivity(raw);
    if (!v.ok) throw new Error(`bad seed ${JSON.stringify(v.fieldErrors)}`);
    const row = await createActivity(db(), userId, v.value);
    if (!row) throw new Error("not created");
    return row.id;
  }

  beforeAll(async () => {
    const u = await makeHolder("Dana Holder");
    await updateProfile(db(), u.id, { name: "Dana Holder", timezone: "UTC", issuerIds: { ascm: "7654321" }, isMember: false });
    holder = { id: u.id, name: "Dana Holder", timezone: "UTC", issuerIds: { ascm: "7654321" }, isMember: false };
    const o = await makeHolder("Other Holder");
    other = { id: o.id, name: o.name, timezone: "UTC", issuerIds: {}, isMember: false };
    cpimId = (await createCertification(db(), u.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15", holderId: null }))!.id;
    scorpId = (await createCertification(db(), u.id, { packId: "ascm", credentialCode: "SCOR-P", earnedDate: "2022-01-10", holderId: null }))!.id;
    activityIds.push(await log(u.id, { typeId: "online_event", title: "S&OP webinar", provider: "ASCM", startDate: "2021-06-10", quantity: 2 }));
    activityIds.push(
      await log(u.id, { typeId: "ascm_conference", title: "ASCM Connect", startDate: "2022-10-03", endDate: "2022-10-05", quantity: 3, details: { eventName: "Connect 2022" } }),
    );
    activityIds.push(await log(u.id, { typeId: "book", title: "The Goal", startDate: "2023-02-01", details: { pages: 384 } }));
    activityIds.push(await log(u.id, { typeId: "volunteer_service", title: "Chapter board", startDate: "2024-01-15" }));
    activityIds.push(await log(u.id, { typeId: "volunteer_service", title: "Events committee", startDate: "2024-06-01" }));
    for (const [i, id] of activityIds.slice(0, 3).entries()) {
      const bytes = pdfBytes(`file ${i}`);
      const r = await createEvidence(db(), u.id, { activityId: id, fileName: `Certificate ${i}.pdf`, contentType: "application/pdf", sha256: sha(bytes), bytes }, { maxFilesPerActivity: 10 });
      expect(r.status).toBe("ok");
    }
    // Another holder's activity with evidence: must never appear.
    const foreign = await log(o.id, { typeId: "online_event", title: "Not yours", startDate: "2022-01-01", quantity: 1 });
    await createEvidence(db(), o.id, { activityId: foreign, fileName: "x.pdf", contentType: "application/pdf", sha256: sha(pdfBytes("x")), bytes: pdfBytes("x") }, { maxFilesPerActivity: 10 });
  });

  it("equals the ProgressReport of lib/rules, in 3 queries", async () => {
    const { result, count } = await countQueries(() => loadSummary(db(), holder, cpimId, { kind: "current" }, { asOf: AS_OF }));
    expect(count).toBe(3);
    if (result.status !== "ok") throw new Error(result.status);
    const cert = (await getCertification(db(), holder.id, cpimId))!;
    const rows = await listActivitiesForScoring(db(), holder.id);
    const report = evaluate({ certification: toCertificationInput(cert), activities: rows.map(toActivityInput), asOf: AS_OF });
    const s = result.summary;
    expect(s.counted).toBe(report.counted);
    expect(s.categories.map((c) => [c.id, c.counted])).toEqual(report.categories.map((c) => [c.id, c.counted]));
    expect(s.lineCount).toBe(report.contributions.length);
    expect(s.holder).toEqual({ name: "Dana Holder", issuerId: "7654321", issuerIdLabel: "ASCM customer ID" });
    expect(s.categories.flatMap((c) => c.lines).map((l) => l.evidence.length)).toEqual([1, 1, 1, 0, 0]);
    expect(s.isMember).toBe(false);
  });

  it("another holder's certification, an unknown id or an unknown cycle is not found", async () => {
    expect((await loadSummary(db(), other, cpimId, { kind: "current" }, { asOf: AS_OF })).status).toBe("not_found");
    expect((await loadSummary(db(), holder, crypto.randomUUID(), { kind: "current" }, { asOf: AS_OF })).status).toBe("not_found");
    expect((await loadSummary(db(), holder, "not-a-uuid", { kind: "current" }, { asOf: AS_OF })).status).toBe("not_found");
    expect((await loadSummary(db(), holder, cpimId, { kind: "index", index: 3 }, { asOf: AS_OF })).status).toBe("not_found");
    expect((await loadSummary(db(), holder, cpimId, { kind: "due", dueDate: "2030-01-31" }, { asOf: AS_OF })).status).toBe("not_found");
    expect((await loadSummary(db(), holder, scorpId, { kind: "current" }, { asOf: AS_OF })).status).toBe("not_maintained");
  });

  it("evidence metadata is scoped by owner", async () => {
    const mine = await listEvidenceForActivities(db(), holder.id, activityIds);
    expect(mine).toHaveLength(3);
    expect(await listEvidenceForActivities(db(), other.id, activityIds)).toEqual([]);
    expect(await listEvidenceForActivities(db(), holder.id, ["nope", ""])).toEqual([]);
  });

  it("the audit pack holds each stored evidence file byte for byte", async () => {
    const result = await loadSummary(db(), holder, cpimId, { kind: "current" }, { asOf: AS_OF });
    if (result.status !== "ok") throw new Error(result.status);
    const stream = auditPackStream({
      summary: result.summary,
      pdf: pdfBytes("summary"),
      pdfName: "summary.pdf",
      readEvidence: async (id) => (await readEvidenceFile(db(), holder.id, id))?.bytes ?? null,
    });
    const zip = unzipSync(new Uint8Array(await new Response(stream).arrayBuffer()));
    const files = auditPackFiles(result.summary);
    expect(files).toHaveLength(3);
    for (const f of files) {
      expect(zip[f.path]).toBeDefined();
      expect(sha(zip[f.path]!)).toBe(f.evidence.sha256);
    }
    // Another holder's reader gets nothing: the pack lists the files as missing instead.
    const foreign = auditPackStream({
      summary: result.summary,
      pdf: pdfBytes("summary"),
      pdfName: "summary.pdf",
      readEvidence: async (id) => (await readEvidenceFile(db(), other.id, id))?.bytes ?? null,
    });
    const zip2 = unzipSync(new Uint8Array(await new Response(foreign).arrayBuffer()));
    expect(Object.keys(zip2).sort()).toEqual(["index.csv", "summary.pdf"]);
  });

  it("after a renewal is approved the past cycle keeps its summary, by index or due date, and the next cycle is current", async () => {
    const before = await loadSummary(db(), holder, cpimId, { kind: "current" }, { asOf: AS_OF });
    if (before.status !== "ok") throw new Error(before.status);
    expect(await upsertRenewal(db(), other.id, cpimId, { dueDate: "2026-03-31", submittedDate: "2025-05-01", approvedDate: null, pointsClaimed: 1 })).toBe(false);
    expect(await upsertRenewal(db(), holder.id, cpimId, { dueDate: "2026-03-31", submittedDate: "2025-05-01", approvedDate: null, pointsClaimed: 42 })).toBe(true);
    const submitted = await loadSummary(db(), holder, cpimId, { kind: "current" }, { asOf: AS_OF });
    if (submitted.status !== "ok") throw new Error(submitted.status);
    expect(submitted.summary.cycle.index).toBe(0);
    expect(submitted.summary.renewal).toEqual({ submittedDate: "2025-05-01", approvedDate: null, pointsClaimed: 42 });

    await upsertRenewal(db(), holder.id, cpimId, { dueDate: "2026-03-31", submittedDate: "2025-05-01", approvedDate: "2025-05-20", pointsClaimed: 42 });
    const byIndex = await loadSummary(db(), holder, cpimId, { kind: "index", index: 0 }, { asOf: AS_OF });
    const byDue = await loadSummary(db(), holder, cpimId, { kind: "due", dueDate: "2026-03-31" }, { asOf: AS_OF });
    const current = await loadSummary(db(), holder, cpimId, { kind: "current" }, { asOf: AS_OF });
    if (byIndex.status !== "ok" || byDue.status !== "ok" || current.status !== "ok") throw new Error("not ok");
    const figures = (x: typeof before & { status: "ok" }) => ({ categories: x.summary.categories, counted: x.summary.counted, lines: x.summary.lineCount });
    expect(figures(byIndex)).toEqual(figures(before));
    expect(figures(byDue)).toEqual(figures(before));
    expect(byIndex.summary.cycle.closed).toBe(true);
    expect(byIndex.summary.isCurrentCycle).toBe(false);
    expect(current.summary.cycle.index).toBe(1);
    expect(current.summary.cycle.dueDate).toBe("2031-03-31");
    expect(current.summary.lineCount).toBe(0);

    const index = await loadSummaryIndex(db(), holder, { asOf: AS_OF });
    const cpim = index.find((c) => c.certification.id === cpimId)!;
    expect(cpim.cycles.map((c) => c.dueDate)).toEqual(["2026-03-31", "2031-03-31"]);
    expect(index.find((c) => c.certification.id === scorpId)?.maintained).toBe(false);
    expect(await loadSummaryIndex(db(), other, { asOf: AS_OF })).toEqual([]);
  });
});
