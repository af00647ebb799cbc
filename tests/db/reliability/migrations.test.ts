/**
 * Migrations and the schema agree three ways (reference R14):
 *  1. `drizzle-kit check` passes on db/migrations;
 *  2. generating again from db/schema.ts (into a copy of the migrations folder) makes no new
 *     migration: the latest snapshot IS the schema;
 *  3. a database migrated from empty, on PGlite and on PostgreSQL 15, has exactly the snapshot's
 *     tables, columns (type, NOT NULL), primary keys, foreign keys (with their ON DELETE),
 *     unique constraints and indexes — introspected from pg_catalog, not taken on trust.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type DbHandle, MIGRATIONS_FOLDER } from "@/db/client";
import { describeEachDb } from "../harness";

const run = promisify(execFile);
const DRIZZLE_KIT = path.join(process.cwd(), "node_modules", "drizzle-kit", "bin.cjs");

type SnapshotColumn = { name: string; type: string; primaryKey: boolean; notNull: boolean };
type SnapshotTable = {
  name: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, { name: string; isUnique: boolean }>;
  foreignKeys: Record<string, { name: string; tableTo: string; columnsFrom: string[]; columnsTo: string[]; onDelete?: string }>;
  compositePrimaryKeys: Record<string, { name: string; columns: string[] }>;
  uniqueConstraints: Record<string, { name: string; columns: string[] }>;
};

function latestSnapshot(): { tables: Record<string, SnapshotTable> } {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { idx: number }[] };
  const last = journal.entries.at(-1);
  if (!last) throw new Error("no migrations");
  return JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8")) as { tables: Record<string, SnapshotTable> };
}

const TYPE_ALIASES: Record<string, string> = { bigserial: "bigint", serial: "integer", smallserial: "smallint", timestamp: "timestamp without time zone", varchar: "character varying" };
const normType = (t: string) => {
  const compact = t.replace(/\s+/g, " ").replace(/,\s*/g, ",").trim();
  return TYPE_ALIASES[compact] ?? compact.replace(/^varchar\(/, "character varying(");
};
const ON_DELETE: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

/** The schema as drizzle describes it, in one comparable shape. */
function expectedShape(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of Object.values(latestSnapshot().tables)) {
    const pkCols = Object.values(t.columns).filter((c) => c.primaryKey).map((c) => c.name);
    const composite = Object.values(t.compositePrimaryKeys ?? {})[0]?.columns ?? [];
    out[t.name] = {
      columns: Object.fromEntries(Object.values(t.columns).map((c) => [c.name, `${normType(c.type)}${c.notNull || c.primaryKey ? " not null" : ""}`])),
      primaryKey: [...(composite.length ? composite : pkCols)].sort(),
      foreignKeys: Object.fromEntries(Object.values(t.foreignKeys).map((f) => [f.name, `${f.columnsFrom.join(",")} -> ${f.tableTo}(${f.columnsTo.join(",")}) on delete ${f.onDelete ?? "no action"}`])),
      unique: Object.values(t.uniqueConstraints ?? {}).map((u) => u.name).sort(),
      indexes: Object.fromEntries(Object.values(t.indexes).map((i) => [i.name, i.isUnique ? "unique" : "index"])),
    };
  }
  return out;
}

async function q<T>(handle: DbHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = await handle.db.execute(query);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

/** The same shape, read from the live database's catalog. */
async function actualShape(handle: DbHandle): Promise<Record<string, unknown>> {
  const cols = await q<{ t: string; c: string; type: string; notnull: boolean }>(
    handle,
    sql`select cl.relname as t, a.attname as c, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull
        from pg_attribute a join pg_class cl on cl.oid = a.attrelid join pg_namespace n on n.oid = cl.relnamespace
        where n.nspname = 'public' and cl.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by 1, a.attnum`,
  );
  const cons = await q<{ t: string; name: string; type: string; cols: string; ftable: string | null; fcols: string | null; del: string }>(
    handle,
    sql`select cl.relname as t, co.conname as name, co.contype as type,
               (select string_agg(a.attname, ',' order by k.n) from unnest(co.conkey) with ordinality k(att, n) join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.att) as cols,
               fcl.relname as ftable,
               (select string_agg(a.attname, ',' order by k.n) from unnest(co.confkey) with ordinality k(att, n) join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.att) as fcols,
               co.confdeltype as del
        from pg_constraint co join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
        left join pg_class fcl on fcl.oid = co.confrelid
        where n.nspname = 'public' and co.contype in ('p', 'f', 'u')`,
  );
  const idx = await q<{ t: string; name: string; uniq: boolean }>(
    handle,
    sql`select t.relname as t, i.relname as name, x.indisunique as uniq
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and not exists (select 1 from pg_constraint co where co.conindid = x.indexrelid)`,
  );
  const out: Record<string, { columns: Record<string, string>; primaryKey: string[]; foreignKeys: Record<string, string>; unique: string[]; indexes: Record<string, string> }> = {};
  for (const c of cols) {
    out[c.t] ??= { columns: {}, primaryKey: [], foreignKeys: {}, unique: [], indexes: {} };
    out[c.t]!.columns[c.c] = `${normType(c.type)}${c.notnull ? " not null" : ""}`;
  }
  for (const c of cons) {
    const t = out[c.t];
    if (!t) continue;
    if (c.type === "p") t.primaryKey = c.cols.split(",").sort();
    else if (c.type === "u") t.unique.push(c.name);
    else t.foreignKeys[c.name] = `${c.cols} -> ${c.ftable}(${c.fcols}) on delete ${ON_DELETE[c.del] ?? c.del}`;
  }
  for (const i of idx) if (out[i.t]) out[i.t]!.indexes[i.name] = i.uniq ? "unique" : "index";
  for (const t of Object.values(out)) t.unique.sort();
  return out;
}

describe("db/migrations and db/schema.ts", () => {
  it("drizzle-kit check passes, and generating again from db/schema.ts makes no new migration", async () => {
    const check = await run(process.execPath, [DRIZZLE_KIT, "check", "--config", "db/drizzle.config.ts"], { cwd: process.cwd() });
    expect(check.stdout + check.stderr).toMatch(/Everything's fine|fine/i);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "recert-generate-"));
    try {
      const out = path.join(tmp, "migrations");
      fs.cpSync(MIGRATIONS_FOLDER, out, { recursive: true });
      const before = fs.readdirSync(out).sort();
      // drizzle-kit wants a relative `out`; the config needs no import so it can live outside the project.
      const config = path.join(tmp, "drizzle.config.ts");
      fs.writeFileSync(config, `export default ${JSON.stringify({ dialect: "postgresql", schema: "./db/schema.ts", out: path.relative(process.cwd(), out), strict: true })};\n`);
      const gen = await run(process.execPath, [DRIZZLE_KIT, "generate", "--config", config], { cwd: process.cwd() });
      expect(gen.stdout + gen.stderr).toMatch(/No schema changes/i);
      expect(fs.readdirSync(out).sort()).toEqual(before);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});

describeEachDb("a database migrated from empty", (ctx) => {
  it("has exactly the schema drizzle describes: tables, columns, keys, foreign keys, unique constraints, indexes", async () => {
    const expected = expectedShape();
    const actual = await actualShape(ctx.handle);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    expect(actual).toEqual(expected);
    const columns = Object.values(actual).reduce<number>((n, t) => n + Object.keys((t as { columns: object }).columns).length, 0);
    console.log(`[migrations ${ctx.target}] ${Object.keys(actual).length} tables, ${columns} columns match the drizzle snapshot`);
  });
});
