/**
 * The server half of the CSV import: every row the browser sends is checked again (the preview
 * is a convenience, not a trust boundary) and created with an import key, so the same file
 * imported twice adds nothing.
 */
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import { createActivitiesBulk } from "@/db/queries/activities";
import { listCertifications } from "@/db/queries/certifications";
import { type CertRef, checkCells, importKeyMaterial, type RowError } from "./csv-activities";

export const ImportBatchSchema = z.object({
  rows: z
    .array(
      z.object({
        line: z.number().int().min(1).max(10_000_000),
        occurrence: z.number().int().min(0).max(1_000_000),
        cells: z.record(z.string().max(64), z.string().max(20_000)),
      }),
    )
    .min(1)
    .max(1000),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;

export type ImportBatchResult = { added: number; already: number; invalid: { line: number; errors: RowError[] }[] };

export function importKey(userId: string, canonical: string, occurrence: number): string {
  return crypto.createHash("sha256").update(importKeyMaterial(userId, canonical, occurrence)).digest("hex");
}

export async function holderCertRefs(db: Database, userId: string): Promise<CertRef[]> {
  return (await listCertifications(db, userId)).map((c) => ({ id: c.id, packId: c.packId, credentialCode: c.credentialCode }));
}

export async function importCsvBatch(db: Database, userId: string, batch: ImportBatch): Promise<ImportBatchResult> {
  const certs = await holderCertRefs(db, userId);
  const result: ImportBatchResult = { added: 0, already: 0, invalid: [] };
  const valid = [];
  for (const row of batch.rows) {
    const check = checkCells(row.cells, row.line, certs);
    if (!check.ok) {
      result.invalid.push({ line: check.line, errors: check.errors });
      continue;
    }
    valid.push({ ...check.value, importKey: importKey(userId, check.canonical, row.occurrence) });
  }
  // One transaction for the batch's valid rows: a repeated import key is skipped, not an error.
  const { added, already } = await createActivitiesBulk(db, userId, valid);
  result.added = added;
  result.already = already;
  return result;
}
