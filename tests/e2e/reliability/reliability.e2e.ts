/**
 * Faults and scale-out, against the built app in servers this file owns (reference R11, R13, P9):
 *
 * Every pass (on the pass's database, PGlite or PostgreSQL):
 *  - kill -9 of the server during 1,000 API writes: after a restart every acknowledged write
 *    (a 201 received) is there;
 *  - evidence writes that fail mid-way (the client cuts the upload off; the server is killed
 *    during uploads) leave no orphan rows or blobs.
 * The PostgreSQL pass also:
 *  - PostgreSQL restarted (pg_ctl restart, then a stop of some seconds) under a serving app: the
 *    app reports it in /api/health and recovers by itself, with the same sessions and tokens;
 *  - two replicas from one build on one PostgreSQL: signed in on one, working on the other
 *    (a server action included), reminders sent once though both run the job, shared sign-in
 *    limits.
 * Long, so each runs once per database rather than in every browser file.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { actionResult, body, byKey, type Holder, newHolder, signInHolder, signUpHolder, TINY_PDF, training, uploadEvidence } from "../../support/holders";
import { HttpClient } from "../../support/http";
import { startApp } from "../../support/app-server";
import { type DbKind, type OwnApp, ownDb, rows, startOwnApp } from "../../support/own-app";
import { startPgServer } from "../../support/pg-server";
import { discoverActions } from "../../support/routes";

const KIND = inject("e2eDb") as DbKind;
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every activity id the holder has, through the API (all pages). */
async function allActivityIds(api: HttpClient): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const r = body<{ data: { id: string }[]; total: number }>(await api.get(`/api/v1/activities?pageSize=200&page=${page}`));
    for (const a of r.data) ids.add(a.id);
    if (r.data.length < 200) return ids;
  }
}

async function orphanCounts(own: OwnApp): Promise<string[]> {
  const handle = await own.db.open();
  try {
    const found = await rows<{ what: string; n: number }>(
      handle,
      sql`select 'evidence without its blob' as what, count(*)::int as n from evidence e where not exists (select 1 from evidence_blobs b where b.id::text = e.blob_key::text)
          union all select 'blobs without evidence', count(*)::int from evidence_blobs b where not exists (select 1 from evidence e where e.blob_key::text = b.id::text)`,
    );
    return found.map((o) => `${o.what}: ${Number(o.n)}`);
  } finally {
    await handle.close();
  }
}

describe(`faults (${KIND})`, () => {
  it(`kill -9 during 1,000 API writes: every acknowledged write is there after a restart (${KIND})`, async () => {
    const own = await startOwnApp(KIND, "kill9");
    cleanups.push(own.cleanup);
    const actions = byKey(discoverActions());
    const holder = await newHolder(own.app.baseUrl, actions, { name: "Crash Tester" });
    const TOTAL = 1000;
    const CONCURRENCY = 8;
    const acked = new Map<number, string>();
    const failed: number[] = [];
    let next = 0;
    let killed = false;
    const killAt = 350 + crypto.randomInt(250);
    let inFlightAtKill = 0;
    let inFlight = 0;

    async function write(i: number): Promise<void> {
      inFlight += 1;
      try {
        const r = await holder.api.json("POST", "/api/v1/activities", training({ title: `Write #${i}`, startDate: "2024-05-06" }));
        if (r.status === 201) acked.set(i, (JSON.parse(r.text) as { id: string }).id);
        else failed.push(i);
      } catch {
        failed.push(i);
      } finally {
        inFlight -= 1;
      }
    }
    async function worker(): Promise<void> {
      while (next < TOTAL) {
        const i = next++;
        if (!killed && acked.size >= killAt) {
          killed = true;
          inFlightAtKill = inFlight;
          await own.app.kill9();
        }
        await write(i);
      }
    }
    // Phase 1: writes until the kill; the rest fail fast (connection refused) and are retried after the restart.
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed).toBe(true);
    const ackedBeforeKill = acked.size;
    await own.app.restart();
    // Phase 2: the writes that failed during the crash, sent again (a client retries what was not acknowledged).
    const retry = [...failed];
    failed.length = 0;
    for (let k = 0; k < retry.length; k += CONCURRENCY) await Promise.all(retry.slice(k, k + CONCURRENCY).map((i) => write(i)));
    const stored = await allActivityIds(holder.api);
    const lost = [...acked.entries()].filter(([, id]) => !stored.has(id)).map(([i]) => i);
    const extra = stored.size - acked.size;
    console.log(
      `[faults ${KIND}] ${TOTAL} writes: killed -9 after ${ackedBeforeKill} acknowledged (${inFlightAtKill} in flight); after the restart ${acked.size} acknowledged in all, ${acked.size - lost.length} kept, ${lost.length} lost; ${Math.max(extra, 0)} unacknowledged writes also stored; ${failed.length} still failing`,
    );
    expect(lost).toEqual([]);
    expect(failed).toEqual([]);
    expect(acked.size).toBe(TOTAL);
    // In-flight writes at the kill may or may not have committed; never more than were in flight.
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThanOrEqual(inFlightAtKill + CONCURRENCY);
  }, 300_000);

  it(`an evidence write that fails mid-way leaves no orphan rows: upload cut off, server killed during uploads (${KIND})`, async () => {
    const own = await startOwnApp(KIND, "evidence-faults");
    cleanups.push(own.cleanup);
    const actions = byKey(discoverActions());
    const holder = await newHolder(own.app.baseUrl, actions, { name: "Upload Tester" });
    const activity = body<{ id: string }>(await holder.api.json("POST", "/api/v1/activities", training()), 201);
    // A 3 MB PDF (the cut-off uploads below stop after 2 MB).
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(TINY_PDF.subarray(0, TINY_PDF.length - 7));
    big.set(new TextEncoder().encode("\n%%EOF\n"), big.length - 7);
    let cut = 0;
    for (let k = 0; k < 5; k++) {
      const controller = new AbortController();
      const stream = new ReadableStream<Uint8Array>({
        async pull(c) {
          c.enqueue(new Uint8Array(512 * 1024));
          cut += 1;
          if (cut % 4 === 0) {
            controller.abort();
            c.error(new Error("cut off"));
          }
          await sleep(5);
        },
      });
      await fetch(`${own.app.baseUrl}/api/evidence?activityId=${activity.id}`, {
        method: "POST",
        headers: { origin: holder.client.origin, cookie: holder.client.cookieHeader(), "content-type": "multipart/form-data; boundary=x" },
        body: stream,
        signal: controller.signal,
        duplex: "half",
      } as RequestInit).catch(() => null);
    }
    // Uploads in three lanes, one after another; the server is killed -9 right after the first is
    // acknowledged, so others are mid-way (reading, checking or inside the transaction).
    let firstAck: () => void = () => {};
    const acknowledged = new Promise<void>((r) => (firstAck = r));
    let stop = false;
    const lane = async (n: number) => {
      const answers: (number | null)[] = [];
      for (let i = 0; i < 8 && !stop; i++) {
        const r = await uploadEvidence(holder.client, activity.id, new Blob([big]), `file-${n}-${i}.pdf`).catch(() => null);
        answers.push(r?.status ?? null);
        if (r?.status === 201) firstAck();
      }
      return answers;
    };
    const lanes = [lane(0), lane(1), lane(2)];
    await Promise.race([acknowledged, sleep(60_000)]);
    await sleep(crypto.randomInt(40));
    await own.app.kill9();
    stop = true;
    const answers = (await Promise.all(lanes)).flat().map((status) => ({ status }));
    await own.app.restart();
    const accepted = answers.filter((a) => a?.status === 201).length;
    const listed = body<{ evidenceCount: number }>(await holder.api.get(`/api/v1/activities/${activity.id}`)).evidenceCount;
    // Still working after the faults: one more upload goes through.
    expect((await uploadEvidence(holder.client, activity.id, new Blob([TINY_PDF]), "after.pdf")).status).toBe(201);
    await own.app.stop();
    console.log(`[faults ${KIND}] 5 uploads cut off by the client; ${answers.length} uploads of 3 MB, kill -9 after the first was acknowledged: ${accepted} acknowledged, ${listed} stored, no orphans`);
    expect(accepted).toBeGreaterThan(0);
    expect(listed).toBeGreaterThanOrEqual(accepted);
    expect(await orphanCounts(own)).toEqual(["evidence without its blob: 0", "blobs without evidence: 0"]);
  }, 300_000);
});

if (KIND === "postgres") {
  describe("PostgreSQL and replicas", () => {
    it("PostgreSQL restarted while serving: health says so, and the app recovers by itself", async () => {
      const pg = await startPgServer();
      cleanups.push(() => pg.destroy());
      const log = path.join(pg.dir, "app.log");
      const app = await startApp({ env: { DATABASE_URL: pg.url, AUTH_SECRET: crypto.randomBytes(32).toString("base64url") }, log });
      cleanups.push(() => app.stop());
      const actions = byKey(discoverActions());
      const holder = await newHolder(app.baseUrl, actions, { name: "Restart Tester" });
      const health = async () => {
        try {
          const r = await fetch(`${app.baseUrl}/api/health`);
          return { status: r.status, body: (await r.json()) as { status: string } };
        } catch {
          return { status: 0, body: { status: "unreachable" } };
        }
      };
      expect((await health()).status).toBe(200);
      const timeline: string[] = [];

      // 1) A fast restart under 6 concurrent writers: connections (some inside a transaction) are
      // cut; the server process must survive, the pool replace them, and no acknowledged write be lost.
      const acked: string[] = [];
      let writing = true;
      let attempts = 0;
      const writers = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; writing; i++) {
          attempts += 1;
          const r = await holder.api.json("POST", "/api/v1/activities", training({ title: `During restart ${w}-${i}` })).catch(() => null);
          if (r?.status === 201) acked.push((JSON.parse(r.text) as { id: string }).id);
          else if (r && r.status < 500) timeline.push(`write during restart: HTTP ${r.status}`);
          else await sleep(100);
        }
      });
      await sleep(1500);
      const pid = app.pid;
      const t1 = Date.now();
      await pg.restart();
      let firstOk = -1;
      const ackedAtRestart = acked.length;
      for (let i = 0; i < 200 && firstOk < 0; i++) {
        if (acked.length > ackedAtRestart) firstOk = Date.now() - t1;
        await sleep(100);
      }
      await sleep(1000);
      writing = false;
      await Promise.all(writers);
      expect(firstOk, "writes succeed again after the restart").toBeGreaterThanOrEqual(0);
      expect((await health()).status, "the same server process is alive and healthy").toBe(200);
      expect(app.pid).toBe(pid);
      // Every page: a fast machine acknowledges more than one page (200) of writes here.
      const stored = await allActivityIds(holder.api);
      expect(acked.filter((id) => !stored.has(id)), "acknowledged writes lost in the restart").toEqual([]);

      // 2) Down for a while: health reports it (503), pages and API refuse cleanly; back up: all well.
      pg.stop();
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.body.status).toBe("error");
      const whileDown = await holder.api.get("/api/v1/activities");
      expect(whileDown.status, "an API call while the database is down").toBeGreaterThanOrEqual(500);
      expect(whileDown.text).not.toMatch(/ECONNREFUSED|at .*\.js|postgres:\/\//);
      await sleep(3000);
      pg.start();
      const t2 = Date.now();
      let recovered = -1;
      for (let i = 0; i < 120; i++) {
        if ((await health()).status === 200) {
          recovered = Date.now() - t2;
          break;
        }
        await sleep(250);
      }
      expect(recovered, "health is ok again").toBeGreaterThanOrEqual(0);
      // The same session and token work; writes made before the outage are there.
      expect((await holder.client.get("/dashboard")).status).toBe(200);
      const created = await holder.api.json("POST", "/api/v1/activities", training({ title: "After the outage" }));
      expect(created.status).toBe(201);
      const afterOutage = body<{ id: string; title: string }>(created);
      expect(afterOutage.title).toBe("After the outage");
      const everything = await allActivityIds(holder.api);
      expect(everything.has(afterOutage.id), "the write after the outage is listed").toBe(true);
      expect(acked.every((id) => everything.has(id)), "the writes acknowledged during the restart are still there").toBe(true);
      console.log(
        `[faults postgres] pg_ctl restart under 6 writers: ${attempts} writes tried, ${acked.length} acknowledged and all kept, writes OK again ${firstOk} ms after the restart returned, server process survived; 3 s outage: health 503, then ok ${recovered} ms after the server was back ${timeline.join("; ")}`,
      );
    }, 300_000);

    it("two replicas from one build: a session and server actions work across them, reminders go out once, sign-in limits are shared", async () => {
      const db = await ownDb("postgres", "replicas");
      cleanups.push(db.drop);
      const env = {
        ...db.env,
        AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
        // Both replicas run the hourly reminder job; the first run is a minute after start.
        REMINDER_TICK: "on",
      };
      const started = Date.now();
      const [a, b] = await Promise.all([
        startApp({ env, log: path.join(db.dir, "replica-a.log") }),
        startApp({ env, log: path.join(db.dir, "replica-b.log") }),
      ]);
      cleanups.push(() => a.stop(), () => b.stop());
      const actions = byKey(discoverActions());
      const act = (key: string) => {
        const x = actions[key];
        if (!x) throw new Error(`no action ${key}`);
        return x;
      };

      // Holders whose certifications have reminders due today (due in about four months).
      const holders: Holder[] = [];
      for (const name of ["Replica Holder One", "Replica Holder Two"]) {
        const h = await newHolder(a.baseUrl, actions, { name });
        body(await h.api.json("POST", "/api/v1/certifications", { credentialCode: "CPIM", earnedDate: "2022-03-10" }), 201);
        holders.push(h);
      }
      expect(Date.now() - started, "seeded before the first reminder tick").toBeLessThan(55_000);
      const [one] = holders as [Holder, Holder];

      // Signed in on A, working on B: the cookie, a page, a server action, the API.
      const viaB = new HttpClient(b.baseUrl);
      for (const [k, v] of one.client.cookies) viaB.cookies.set(k, v);
      const dashboard = await viaB.get("/dashboard");
      expect(dashboard.status).toBe(200);
      expect(dashboard.text).toContain("Replica Holder One");
      const added = await viaB.action(act("app/(app)/certifications/actions.ts#addCertificationAction"), "/certifications", { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-02-01" });
      expect(JSON.stringify(actionResult(added))).toContain("success");
      const codes = body<{ data: { credentialCode: string }[] }>(await one.api.get("/api/v1/certifications")).data.map((c) => c.credentialCode);
      expect(codes.sort()).toEqual(["CPIM", "CSCP"]);
      const apiOnB = new HttpClient(b.baseUrl, { authorization: `Bearer ${one.token}` });
      expect((await apiOnB.get("/api/v1/certifications")).status).toBe(200);
      // Signed in on B (a fresh sign-in), the session works on A too.
      const signedInOnB = await signInHolder(b.baseUrl, actions, one.email, one.password);
      const backOnA = new HttpClient(a.baseUrl);
      for (const [k, v] of signedInOnB.cookies) backOnA.cookies.set(k, v);
      expect((await backOnA.get("/settings")).status).toBe(200);

      // Sign-in limits are rows in PostgreSQL: 5 failures on A and 5 on B lock the account on both.
      const victim = await signUpHolder(a.baseUrl, actions, { name: "Locked Out" });
      const signIn = act("app/(auth)/actions.ts#signInAction");
      for (let i = 0; i < 10; i++) {
        const base = i % 2 === 0 ? a.baseUrl : b.baseUrl;
        const r = await new HttpClient(base).action(signIn, "/sign-in", { email: victim.email, password: `wrong password ${i}` });
        expect(JSON.stringify(actionResult(r))).toContain("incorrect");
      }
      for (const base of [a.baseUrl, b.baseUrl]) {
        const r = await new HttpClient(base).action(signIn, "/sign-in", { email: victim.email, password: victim.password });
        expect(JSON.stringify(actionResult(r)), "the right password is refused too while the account is locked").toMatch(/too many/i);
      }

      // Reminders: both replicas' first tick has run (a minute after start); then a cron run on top.
      await sleep(Math.max(0, started + 75_000 - Date.now()));
      const handle = await db.open();
      cleanups.push(() => handle.close());
      const mailCounts = async () =>
        rows<{ email: string; mails: number; claims: number }>(
          handle,
          sql`select u.email, (select count(*)::int from mail_outbox m where m.user_id = u.id) as mails,
                     (select count(*)::int from reminders_sent r where r.user_id = u.id) as claims
              from users u where u.email in (${holders[0]?.email ?? ""}, ${holders[1]?.email ?? ""}) order by u.email`,
        );
      let counts = await mailCounts();
      for (let i = 0; i < 40 && counts.some((c) => Number(c.mails) === 0); i++) {
        await sleep(1000);
        counts = await mailCounts();
      }
      const cli = () =>
        new Promise<number>((resolve) => {
          const p = spawn(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "lib/reminders/cli.ts"], {
            env: { ...process.env, DATABASE_URL: db.databaseUrl, AUTH_SECRET: env.AUTH_SECRET, REMINDER_TICK: "off" },
            stdio: "ignore",
          });
          p.on("exit", (code) => resolve(code ?? 1));
        });
      expect(await Promise.all([cli(), cli()])).toEqual([0, 0]);
      const after = await mailCounts();
      const logs = fs.readFileSync(path.join(db.dir, "replica-a.log"), "utf8") + fs.readFileSync(path.join(db.dir, "replica-b.log"), "utf8");
      console.log(
        `[replicas] ${after.map((c) => `holder ${c.email.split("-")[1] ?? ""}: ${c.mails} e-mail, ${c.claims} reminder claims`).join("; ")} after both replicas' ticks and two concurrent cron runs; ${(logs.match(/Failed to find Server Action/g) ?? []).length} "Failed to find Server Action"`,
      );
      expect(counts.map((c) => Number(c.mails))).toEqual([1, 1]);
      expect(after.map((c) => Number(c.mails))).toEqual([1, 1]);
      expect(after.every((c) => Number(c.claims) >= 1)).toBe(true);
      expect(logs).not.toContain("Failed to find Server Action");
    }, 400_000);
  });
}
