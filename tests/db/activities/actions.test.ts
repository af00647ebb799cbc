/**
 * The server actions of the certifications page and the activity log, called as the browser
 * would (FormData), with the session replaced by a chosen holder. Another holder's id must be
 * answered "not found" and change nothing; malformed input must give field errors and write nothing.
 */
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw new Error("not signed in");
    return session.user;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1" }) }));

import {
  deleteActivityAction,
  previewActivityAction,
  restoreActivityAction,
  saveActivityAction,
} from "@/app/(app)/activities/actions";
import {
  addCertificationAction,
  deleteCertificationAction,
  deleteRenewalAction,
  saveOpeningBalanceAction,
  saveRenewalAction,
  updateCertificationAction,
} from "@/app/(app)/certifications/actions";
import { createActivity, deleteActivity, getActivity } from "@/db/queries/activities";
import { createCertification, getCertification, setOpeningBalances, upsertRenewal } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { describeEachDb } from "../harness";

function fd(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
  return data;
}

/** Runs an action; a redirect (success) comes back as { redirect: url }. */
async function run<T>(p: Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await p;
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] ?? "" };
    throw err;
  }
}

const idle = { status: "idle" } as const;

describeEachDb("certification and activity actions", (ctx) => {
  let alice: User;
  let bob: User;
  let bobCert: string;
  let bobRenewal: string;
  let bobActivity: string;
  let bobDeleted: string;
  let aliceCert: string;

  async function snapshot(): Promise<string> {
    const out: unknown[] = [];
    for (const t of ["certifications", "renewals", "opening_balances", "activities", "activity_exclusions"]) {
      const r = await ctx.handle.db.execute(sql.raw(`select * from ${t} order by 1, 2`));
      out.push((r as unknown as { rows: unknown[] }).rows);
    }
    return JSON.stringify(out);
  }

  beforeAll(async () => {
    const db = ctx.handle.db;
    const mk = async (name: string) => (await createUser(db, { name, email: `${name}-${Math.random()}@example.com`, passwordHash: "x", timezone: "UTC" }))!;
    alice = await mk("alice");
    bob = await mk("bob");
    bobCert = (await createCertification(db, bob.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2015-01-10", holderId: null }))!.id;
    await upsertRenewal(db, bob.id, bobCert, { dueDate: "2020-01-31", submittedDate: "2019-10-01", approvedDate: "2019-11-01", pointsClaimed: 75 });
    bobRenewal = (await getCertification(db, bob.id, bobCert))!.renewals[0]!.id;
    await setOpeningBalances(db, bob.id, bobCert, "2025-01-31", [{ categoryId: "education", points: 10 }], { attested: true, note: null });
    const fields = { packId: "ascm", typeId: "online_event", title: "Bob's webinar", provider: null, startDate: "2024-01-01", endDate: null, quantity: 2, details: {}, manualPoints: null, manualReason: null, notes: null };
    bobActivity = (await createActivity(db, bob.id, fields))!.id;
    bobDeleted = (await createActivity(db, bob.id, { ...fields, title: "Bob's deleted webinar" }))!.id;
    await deleteActivity(db, bob.id, bobDeleted);
    aliceCert = (await createCertification(db, alice.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null }))!.id;
  });

  beforeEach(() => {
    session.user = alice;
  });

  const notFound = (what: string) => ({ status: "error", message: `That ${what} was not found. It may have been removed.`, fieldErrors: {} });

  it.each([
    ["edit a certification", () => updateCertificationAction(idle, fd({ id: bobCert, earnedDate: "2016-01-01", holderId: "x" })), "certification"],
    ["remove a certification", () => deleteCertificationAction(idle, fd({ id: bobCert })), "certification"],
    ["record a renewal", () => saveRenewalAction(idle, fd({ certificationId: bobCert, dueDate: "2025-01-31", submittedDate: "2024-12-01" })), "certification"],
    ["remove a renewal", () => deleteRenewalAction(idle, fd({ renewalId: bobRenewal })), "renewal"],
    ["set an opening balance", () => saveOpeningBalanceAction(idle, fd({ certificationId: bobCert, "points.education": "0", attested: "on" })), "certification"],
    [
      "edit an activity",
      () => saveActivityAction(idle, fd({ id: bobActivity, version: "1", typeId: "online_event", title: "Hijacked", startDate: "2024-01-01", quantity: "1" })),
      "activity",
    ],
    ["delete an activity", () => deleteActivityAction(idle, fd({ id: bobActivity })), "activity"],
    ["restore an activity", () => restoreActivityAction(idle, fd({ id: bobDeleted })), "activity"],
  ] as const)("another holder's id to %s: not found, nothing changed", async (_l, call, what) => {
    const before = await snapshot();
    const result = await run(call());
    expect(result).toMatchObject(notFound(what));
    expect(await snapshot()).toBe(before);
  });

  it("answers a missing id exactly like another holder's", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await run(deleteActivityAction(idle, fd({ id: missing })))).toMatchObject(notFound("activity"));
    expect(await run(deleteCertificationAction(idle, fd({ id: missing })))).toMatchObject(notFound("certification"));
    expect(await run(deleteRenewalAction(idle, fd({ renewalId: missing })))).toMatchObject(notFound("renewal"));
  });

  it("refuses to exclude another holder's certification, and writes nothing", async () => {
    const before = await snapshot();
    const result = await run(
      saveActivityAction(idle, fd({ typeId: "online_event", title: "Mine", startDate: "2024-02-01", quantity: "1", shownCertIds: `${aliceCert},${bobCert}`, countFor: aliceCert })),
    );
    expect(result).toMatchObject({ status: "error", fieldErrors: { excludedCertificationIds: "One of the excluded certifications is not yours or does not exist." } });
    expect(await snapshot()).toBe(before);
  });

  it.each([
    [{ typeId: "", title: "x", startDate: "2024-01-01" }, "typeId"],
    [{ typeId: "book", title: "", startDate: "2024-01-01", "details.pages": "300" }, "title"],
    [{ typeId: "book", title: "x", startDate: "2024-02-30", "details.pages": "300" }, "startDate"],
    [{ typeId: "book", title: "x", startDate: "2024-01-01", "details.pages": "199" }, "details.pages"],
    [{ typeId: "online_event", title: "x", startDate: "2024-01-01", quantity: "0.3" }, "quantity"],
    [{ typeId: "online_event", title: "x", startDate: "2024-01-01", endDate: "2023-12-31", quantity: "1" }, "endDate"],
    [{ typeId: "ascm_exam", title: "x", startDate: "2024-01-01", "details.credentialCode": "XYZ" }, "details.credentialCode"],
    [{ typeId: "online_event", title: "x", startDate: "2024-01-01", quantity: "1", manualPoints: "3" }, "manualReason"],
  ])("a malformed activity form gets a field error on %j and writes nothing", async (entries, field) => {
    const before = await snapshot();
    const result = await run(saveActivityAction(idle, fd(entries)));
    expect(result).toMatchObject({ status: "error" });
    expect(Object.keys((result as { fieldErrors: Record<string, string> }).fieldErrors)).toContain(field);
    // What was typed comes back.
    expect((result as { values: Record<string, string> }).values.title).toBe(entries.title);
    expect(await snapshot()).toBe(before);
  });

  it("creates, warns on a duplicate, saves anyway, refuses a stale version, deletes and restores", async () => {
    const form = { typeId: "online_event", title: "Forecasting webinar", startDate: "2024-03-05", quantity: "1.5", shownCertIds: aliceCert, countFor: aliceCert };
    const created = await run(saveActivityAction(idle, fd(form)));
    expect(created).toMatchObject({ redirect: expect.stringMatching(/^\/activities\/[0-9a-f-]{36}\?created=1$/) });
    const id = (created as { redirect: string }).redirect.split("/")[2]!.split("?")[0]!;
    expect(await getActivity(ctx.handle.db, alice.id, id)).toMatchObject({ title: "Forecasting webinar", quantity: 1.5, version: 1, excludedCertificationIds: [] });

    const dup = await run(saveActivityAction(idle, fd({ ...form, title: "FORECASTING webinar" })));
    expect(dup).toMatchObject({ status: "duplicate", duplicates: [{ id, title: "Forecasting webinar", startDate: "2024-03-05" }] });
    const anyway = await run(saveActivityAction(idle, fd({ ...form, title: "FORECASTING webinar", saveAnyway: "1" })));
    expect(anyway).toMatchObject({ redirect: expect.stringContaining("?created=1") });

    const updated = await run(saveActivityAction(idle, fd({ ...form, id, version: "1", quantity: "2", countFor: [] })));
    expect(updated).toEqual({ redirect: `/activities/${id}?saved=1` });
    expect(await getActivity(ctx.handle.db, alice.id, id)).toMatchObject({ quantity: 2, version: 2, excludedCertificationIds: [aliceCert] });

    const before = await snapshot();
    const stale = await run(saveActivityAction(idle, fd({ ...form, id, version: "1", title: "Forecasting webinar, part 2" })));
    expect(stale).toMatchObject({
      status: "conflict",
      version: 2,
      values: { title: "Forecasting webinar, part 2" },
      changes: expect.arrayContaining([
        { label: "Title", yours: "Forecasting webinar, part 2", saved: "Forecasting webinar" },
        { label: "Hours", yours: "1.5", saved: "2" },
        { label: "Not counted for", yours: "(empty)", saved: "CPIM" },
      ]),
    });
    expect(await snapshot()).toBe(before);

    expect(await run(deleteActivityAction(idle, fd({ id })))).toEqual({ redirect: `/activities?deleted=${id}` });
    expect(await getActivity(ctx.handle.db, alice.id, id)).toBeNull();
    expect(await run(restoreActivityAction(idle, fd({ id })))).toEqual({ redirect: `/activities?restored=${id}` });
    expect(await getActivity(ctx.handle.db, alice.id, id)).not.toBeNull();
  });

  it("previews a draft with the holder's designations only", async () => {
    const preview = await previewActivityAction(fd({ typeId: "online_event", title: "x", startDate: "2024-03-05", quantity: "3", shownCertIds: aliceCert, countFor: aliceCert }));
    expect(preview).toMatchObject({ ok: true, points: 3, countsFor: [{ certificationId: aliceCert, counts: true }] });
  });

  it("adds, edits and refuses certifications with field errors", async () => {
    const added = await run(addCertificationAction(idle, fd({ packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-06-20", holderId: "" })));
    expect(added).toEqual({ status: "success", message: "CSCP is added." });
    expect(await run(addCertificationAction(idle, fd({ packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-06-20" })))).toMatchObject({
      status: "error",
      fieldErrors: { credentialCode: "You have already added CSCP. Edit it below instead." },
    });
    expect(await run(addCertificationAction(idle, fd({ packId: "ascm", credentialCode: "PMP", earnedDate: "2023-06-20" })))).toMatchObject({
      fieldErrors: { credentialCode: "Choose one of the issuer's designations." },
    });
    expect(await run(addCertificationAction(idle, fd({ packId: "ascm", credentialCode: "CLTD", earnedDate: "2199-01-01" })))).toMatchObject({
      fieldErrors: { earnedDate: "The date you earned it cannot be in the future." },
    });
    expect(await run(addCertificationAction(idle, fd({ packId: "ascm", credentialCode: "CLTD", earnedDate: "2023-02-29" })))).toMatchObject({
      fieldErrors: { earnedDate: "Enter a real date as YYYY-MM-DD." },
    });
    expect(await run(saveRenewalAction(idle, fd({ certificationId: aliceCert, dueDate: "2030-01-31", submittedDate: "2024-01-01" })))).toMatchObject({
      fieldErrors: { dueDate: "Choose one of this designation's due dates." },
    });
    expect(await run(saveOpeningBalanceAction(idle, fd({ certificationId: aliceCert, "points.education": "-3", attested: "on" })))).toMatchObject({
      fieldErrors: { "points.education": "Education: enter points as a number with at most two decimals." },
    });
    expect(await run(saveOpeningBalanceAction(idle, fd({ certificationId: aliceCert, "points.education": "8" })))).toMatchObject({
      fieldErrors: { attested: "Tick the box to attest these points before saving them." },
    });
    expect(await run(saveOpeningBalanceAction(idle, fd({ certificationId: aliceCert, "points.education": "8", "points.service": "2", attested: "on" })))).toEqual({
      status: "success",
      message: "Opening balance saved.",
    });
    const cert = await getCertification(ctx.handle.db, alice.id, aliceCert);
    expect(cert?.openingBalances.map((b) => [b.cycleDueDate, b.categoryId, b.points, b.attested])).toEqual([
      ["2027-03-31", "education", 8, true],
      ["2027-03-31", "service", 2, true],
    ]);
  });
});
