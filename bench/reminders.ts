/**
 * The reminder job over 10,000 holders: `npm run bench:reminders`.
 *
 * Seeds 10,000 holders straight into the database (five time zones; every one holds CPIM, half
 * also CSCP, a fifth also CLTD; earned dates spread so due dates fall anywhere from a few months
 * ago — suspended — to five years ahead; ten activities each), then runs the real job
 * (lib/reminders/job.ts runReminders: the advisory lock, recipients in batches, each holder's
 * ProgressReports from lib/rules, claims in reminders_sent, one digest per holder) with the real
 * SMTP transport (nodemailer) into an SMTP server on loopback (smtp-server, in its own process).
 * Twice: the first run after the holders arrive sends every reminder that is due (the heaviest
 * run there is); the second is the hourly steady state, which finds nothing new to send.
 *
 * Goal (issue 8): a run over 10,000 holders ≤ 60 s.  Knobs: BENCH_DB, BENCH_HOLDERS.
 */
import { countQueries, type DbHandle } from "@/db/client";
import { todayIn } from "@/lib/dates";
import { smtpTransport } from "@/lib/mail/transport";
import { runReminders } from "@/lib/reminders/job";
import { benchDb, type BenchDb, kinds } from "./lib/app";
import { withCpuProfile } from "./lib/cpu-profile";
import { startSmtpSink } from "./lib/smtp-sink";
import { startPostgres } from "./lib/pg";
import { treeCpuMs } from "./lib/proc";
import { emit, type Figure, printHeader, run, table } from "./lib/report";

const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 10_000);
const GOAL_MS = 60_000;
const ACTIVITIES_PER_HOLDER = 10;
/** Holders in flight at once (the job's default unless BENCH_CONCURRENCY says otherwise). */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;

async function seed(handle: DbHandle, today: string): Promise<void> {
  await handle.exec(`
    insert into users (email, name, password_hash, timezone)
    select 'holder-' || i || '@bench.example', 'Holder ' || i, 'no-password: bench holder',
           (array['UTC','America/Chicago','Europe/Berlin','Asia/Kolkata','Australia/Sydney'])[1 + i % 5]
    from generate_series(1, ${HOLDERS}) i;
  `);
  // Earned dates from ~5 years + 120 days ago (due date passed: suspended) to ~today (due in 5 years).
  await handle.exec(`
    insert into certifications (user_id, pack_id, credential_code, earned_date)
    select u.id, 'ascm', c.code, date '${today}' - interval '5 years' - interval '120 days' + ((u.n * 37 + c.shift) % 1950) * interval '1 day'
    from (select id, row_number() over (order by email) as n from users where email like 'holder-%@bench.example') u
    cross join (values ('CPIM', 0, 1), ('CSCP', 400, 2), ('CLTD', 900, 5)) as c(code, shift, every)
    where u.n % c.every = 0;
  `);
  await handle.exec(`
    insert into activities (user_id, pack_id, type_id, title, provider, start_date, quantity, details)
    select u.id, 'ascm', (array['attend_training','online_event','article_read'])[1 + (u.n + j) % 3],
           'Activity ' || j || ' of holder ' || u.n, 'Provider ' || (j % 7),
           date '${today}' - ((u.n * 13 + j * 97) % 1460) * interval '1 day', 1 + (u.n + j) % 6, '{}'::jsonb
    from (select id, row_number() over (order by email) as n from users where email like 'holder-%@bench.example') u
    cross join generate_series(1, ${ACTIVITIES_PER_HOLDER}) j;
  `);
  await handle.exec("analyze");
}

type RunFigures = { ms: number; holders: number; mails: number; reminders: number; failures: number; queries: number; cpuMs: number; dbCpuMs: number; received: number };

async function measureDb(db: BenchDb): Promise<{ figures: Figure[]; rows: (string | number)[][] }> {
  const today = todayIn("UTC");
  const handle = await db.open();
  const smtp = await startSmtpSink();
  const rows: (string | number)[][] = [];
  const figures: Figure[] = [];
  try {
    const t0 = performance.now();
    await seed(handle, today);
    console.log(`[${db.name}] seeded ${HOLDERS.toLocaleString("en-US")} holders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const now = new Date(`${today}T09:00:00Z`);
    const results: RunFigures[] = [];
    for (const label of ["first run (sends what is due)", "second run (steady state)"]) {
      const transport = smtpTransport(smtp.url, "Recert <reminders@bench.example>");
      const before = await smtp.count();
      const c0 = treeCpuMs(process.pid);
      const d0 = treeCpuMs(db.dbPid);
      const s = performance.now();
      const { result, count } = await withCpuProfile(`reminders-${db.kind}-${results.length + 1}`, () =>
        countQueries(() => runReminders({ handle, now, transport, appUrl: "https://recert.example", secret: "bench-secret-0123456789-abcdefghijklmnop", log: () => {}, concurrency: CONCURRENCY })),
      );
      const ms = performance.now() - s;
      transport.close();
      const r: RunFigures = {
        ms,
        holders: result.holders,
        mails: result.mails,
        reminders: result.reminders,
        failures: result.failures,
        queries: count,
        cpuMs: treeCpuMs(process.pid) - c0,
        dbCpuMs: treeCpuMs(db.dbPid) - d0,
        received: (await smtp.count()) - before,
      };
      results.push(r);
      rows.push([
        `${db.name}: ${label}`,
        (ms / 1000).toFixed(1),
        r.holders,
        r.mails,
        r.received,
        r.reminders,
        r.failures,
        (r.queries / Math.max(1, r.holders)).toFixed(1),
        (ms / Math.max(1, r.holders)).toFixed(2),
        (r.cpuMs / 1000).toFixed(1),
        db.kind === "postgres" ? (r.dbCpuMs / 1000).toFixed(1) : "-",
      ]);
    }
    const [first, second] = results;
    if (first) {
      figures.push({
        name: `reminder run over ${HOLDERS.toLocaleString("en-US")} holders, first run, ${db.name}`,
        value: first.ms / 1000,
        unit: "s",
        goal: { op: "<=", value: GOAL_MS / 1000 },
        note: `${first.mails.toLocaleString("en-US")} e-mails over SMTP, ${(first.queries / Math.max(1, first.holders)).toFixed(1)} queries per holder`,
      });
      figures.push({ name: `e-mails received by the SMTP server = e-mails the run reports, ${db.name}`, value: first.received - first.mails, unit: "", goal: { op: "<=", value: 0 } });
      figures.push({ name: `holders checked, ${db.name}`, value: first.holders, unit: "", goal: { op: ">=", value: HOLDERS } });
    }
    if (second) {
      figures.push({ name: `reminder run over ${HOLDERS.toLocaleString("en-US")} holders, steady state, ${db.name}`, value: second.ms / 1000, unit: "s", goal: { op: "<=", value: GOAL_MS / 1000 } });
      figures.push({ name: `e-mails sent twice (second run), ${db.name}`, value: second.mails, unit: "", goal: { op: "<=", value: 0 } });
    }
  } finally {
    await smtp.close();
    await handle.close();
  }
  return { figures, rows };
}

async function main(): Promise<boolean> {
  printHeader("Reminder job over many holders (bench/reminders.ts)", `in-process runReminders, ${HOLDERS.toLocaleString("en-US")} holders, real SMTP on loopback`);
  const pg = startPostgres();
  const figures: Figure[] = [];
  const rows: (string | number)[][] = [];
  try {
    for (const kind of kinds(pg)) {
      const db = await benchDb(kind, "reminders", pg);
      try {
        const r = await measureDb(db);
        figures.push(...r.figures);
        rows.push(...r.rows);
      } finally {
        await db.drop();
      }
    }
  } finally {
    pg?.stop();
  }
  console.log("\nReminder runs:");
  console.log(table(["run", "seconds", "holders", "mails", "SMTP got", "reminders", "failed", "queries/holder", "ms/holder", "job CPU s", "PostgreSQL CPU s"], rows));
  return emit("reminders", figures, { holders: HOLDERS });
}

run(main);
