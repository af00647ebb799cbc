import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { type DbHandle, openPostgres } from "@/db/client";
import { remindersSent } from "@/db/schema";
import { runReminders } from "@/lib/reminders/job";
import { createPgDatabase, describeEachDb } from "../harness";
import { APP_URL, recordingTransport, SECRET, seedHolder, startSmtp } from "./support";

const NOW = new Date("2027-01-15T12:00:00Z");

async function seedThree(db: DbHandle["db"]) {
  return Promise.all(
    [
      { code: "CPIM", earned: "2022-03-10" },
      { code: "CSCP", earned: "2021-12-10" },
      { code: "CLTD", earned: "2023-01-10", points: 80 },
    ].map((c) => seedHolder(db, { certs: [{ code: c.code, earned: c.earned, points: c.points ?? 10 }] })),
  );
}

/** Runs the CLI (`npm run reminders`) as its own node process. */
function runCli(env: Record<string, string>, now: Date): Promise<{ code: number | null; out: string }> {
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", "lib/reminders/cli.ts", `--now=${now.toISOString()}`], {
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", REMINDER_TICK: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out })));
}

describeEachDb("reminders run by two runners at once: one mail", (ctx) => {
  it("two overlapping runs on one database claim each reminder once (the unique rows, no lock)", async () => {
    // PGlite is one process with one connection; on PostgreSQL this bypasses the advisory lock on purpose.
    const holders = await seedThree(ctx.handle.db);
    const unlocked = { db: ctx.handle.db, kind: "pglite" as const };
    const a = recordingTransport(50);
    const b = recordingTransport(50);
    // Neither runner is exclusive, so neither may release the other's in-flight claims.
    const opts = { now: NOW, appUrl: APP_URL, secret: SECRET, releaseInterrupted: false };
    await Promise.all([runReminders({ ...opts, handle: unlocked, transport: a }), runReminders({ ...opts, handle: unlocked, transport: b })]);
    const all = [...a.sent, ...b.sent];
    for (const h of holders) expect(all.filter((s) => s.userId === h.userId)).toHaveLength(1);
    const rows = await ctx.handle.db.select().from(remindersSent);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(3);
  });

  if (ctx.target === "postgres") {
    it("two pools (two servers) at once: the advisory lock lets one run, the other skips", async () => {
      const created = await createPgDatabase(process.env.TEST_DATABASE_URL!);
      const one = await openPostgres(created.url, { max: 3 });
      const two = await openPostgres(created.url, { max: 3 });
      try {
        const holders = await seedThree(one.db);
        const a = recordingTransport(100);
        const b = recordingTransport(100);
        const opts = { now: NOW, appUrl: APP_URL, secret: SECRET };
        const [ra, rb] = await Promise.all([runReminders({ ...opts, handle: one, transport: a }), runReminders({ ...opts, handle: two, transport: b })]);
        expect([ra.ran, rb.ran].sort()).toEqual([false, true]);
        const all = [...a.sent, ...b.sent];
        for (const h of holders) expect(all.filter((s) => s.userId === h.userId)).toHaveLength(1);
      } finally {
        await one.close();
        await two.close();
        await created.drop();
      }
    });

    it("two node processes (npm run reminders) at once against one PostgreSQL and a real SMTP server: one mail each", async () => {
      const created = await createPgDatabase(process.env.TEST_DATABASE_URL!);
      const seedHandle = await openPostgres(created.url, { max: 2 });
      const smtp = await startSmtp();
      try {
        const holders = await seedThree(seedHandle.db);
        const env = { DATABASE_URL: created.url, SMTP_URL: smtp.url, AUTH_SECRET: SECRET, APP_URL, MAIL_FROM: "Recert <r@recert.test>" };
        const [p1, p2] = await Promise.all([runCli(env, NOW), runCli(env, NOW)]);
        expect([p1.code, p2.code], `${p1.out}\n${p2.out}`).toEqual([0, 0]);
        for (const h of holders) expect(smtp.received.filter((m) => m.to.includes(h.email))).toHaveLength(1);
        expect(smtp.received).toHaveLength(3);
        const rows = await seedHandle.db.select().from(remindersSent);
        expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
      } finally {
        await smtp.close();
        await seedHandle.close();
        await created.drop();
      }
    });
  }
});
