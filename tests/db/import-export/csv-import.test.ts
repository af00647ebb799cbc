import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createCertification } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { parseCsv, serializeCsv } from "@/lib/import-export/csv";
import { checkRecord, CSV_HEADER, mapHeader, occurrences } from "@/lib/import-export/csv-activities";
import { exportActivitiesCsv } from "@/lib/import-export/csv-export";
import { holderCertRefs, type ImportBatch, importCsvBatch } from "@/lib/import-export/csv-import";
import { describeEachDb } from "../harness";

let n = 0;
async function holder(db: Database): Promise<string> {
  n += 1;
  const user = await createUser(db, { email: `csv-${n}-${Date.now()}@example.com`, name: "Csv", passwordHash: "x", timezone: "UTC" });
  if (!user) throw new Error("no user");
  return user.id;
}

const row = (cells: Record<string, string>) => CSV_HEADER.map((h) => cells[h] ?? "");

/** A file in export order (oldest first), with two identical rows and two bad ones. */
const FILE = serializeCsv([
  [...CSV_HEADER],
  row({ issuer: "ascm", type: "online_event", title: "Webinar A", start_date: "2024-01-10", quantity: "1" }),
  row({ issuer: "ascm", type: "online_event", title: "Webinar A", start_date: "2024-01-10", quantity: "1" }),
  row({ issuer: "ascm", type: "book", title: "The Goal", start_date: "2024-02-01", pages: "384", notes: "=cmd, \"quoted\"\nsecond line" }),
  row({ issuer: "ascm", type: "online_event", title: "Bad hours", start_date: "2024-02-02", quantity: "1.25" }),
  row({ issuer: "ascm", type: "ascm_conference", title: "Connect", provider: "ASCM", start_date: "2024-09-16", end_date: "2024-09-18", quantity: "3", event_name: "Connect 2024", not_counted_for: "CSCP" }),
  row({ issuer: "ascm", type: "nope", title: "Bad type", start_date: "2024-10-01" }),
]);

async function preview(db: Database, userId: string, text: string) {
  const parsed = parseCsv(text);
  const header = mapHeader(parsed.header);
  if (!header.ok) throw new Error(header.message);
  const certs = await holderCertRefs(db, userId);
  const checks = parsed.records.map((r) => checkRecord(r, header, certs));
  const valid = checks.filter((c) => c.ok);
  const occ = occurrences(valid.map((v) => v.canonical));
  const batch: ImportBatch = { rows: valid.map((v, i) => ({ line: v.line, occurrence: occ[i] ?? 0, cells: v.cells })) };
  return { batch, invalid: checks.filter((c) => !c.ok) };
}

describeEachDb("CSV import", (ctx) => {
  it("imports the valid rows once: the same file again adds nothing, and the export gives the file back", async () => {
    const db = ctx.handle.db;
    const userId = await holder(db);
    await createCertification(db, userId, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-03-15", holderId: null });
    const { batch, invalid } = await preview(db, userId, FILE);
    // The book's notes span two lines, so the bad rows are on lines 6 and 8.
    expect(invalid.map((c) => c.line)).toEqual([6, 8]);
    expect(batch.rows).toHaveLength(4);

    expect(await importCsvBatch(db, userId, batch)).toEqual({ added: 4, already: 0, invalid: [] });
    expect(await importCsvBatch(db, userId, batch)).toEqual({ added: 0, already: 4, invalid: [] });

    const exported = await exportActivitiesCsv(db, userId);
    expect(exported.rows).toBe(4);
    const good = parseCsv(FILE).records.filter((r) => ![6, 8].includes(r.line));
    expect(exported.csv).toBe(serializeCsv([[...CSV_HEADER], ...good.map((r) => r.cells)]));

    // Export → import into the same account → nothing new; the export is identical.
    const again = await preview(db, userId, exported.csv);
    expect(await importCsvBatch(db, userId, again.batch)).toEqual({ added: 0, already: 4, invalid: [] });
    expect((await exportActivitiesCsv(db, userId)).csv).toBe(exported.csv);
  });

  it("keys by holder: another holder importing the same file gets their own activities", async () => {
    const db = ctx.handle.db;
    const a = await holder(db);
    const b = await holder(db);
    const plain = FILE.replace("CSCP", "");
    const pa = await preview(db, a, plain);
    const pb = await preview(db, b, plain);
    expect((await importCsvBatch(db, a, pa.batch)).added).toBe(4);
    expect((await importCsvBatch(db, b, pb.batch)).added).toBe(4);
    expect((await exportActivitiesCsv(db, b)).rows).toBe(4);
  });

  it("checks every row again on the server: a tampered row is refused with its line and nothing is written", async () => {
    const db = ctx.handle.db;
    const userId = await holder(db);
    const batch: ImportBatch = {
      rows: [
        { line: 2, occurrence: 0, cells: { type: "online_event", title: "OK", start_date: "2024-01-01", quantity: "2" } },
        { line: 3, occurrence: 0, cells: { type: "online_event", title: "", start_date: "2024-01-01", quantity: "2" } },
        { line: 4, occurrence: 0, cells: { type: "online_event", title: "Exclude a foreign designation", start_date: "2024-01-01", quantity: "2", not_counted_for: "CPIM" } },
        { line: 5, occurrence: 0, cells: { type: "online_event", title: "Negative", start_date: "2024-01-01", quantity: "-3" } },
      ],
    };
    const result = await importCsvBatch(db, userId, batch);
    expect(result.added).toBe(1);
    expect(result.invalid.map((i) => [i.line, i.errors[0]?.column])).toEqual([
      [3, "title"],
      [4, "not_counted_for"],
      [5, "quantity"],
    ]);
    expect((await exportActivitiesCsv(db, userId)).rows).toBe(1);
  });
});
