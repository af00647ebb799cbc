import "server-only";
import type { Database } from "@/db/client";
import { accountContents, importAccountRows, loadAccountRows } from "@/db/queries/account";
import { pgBlobStore } from "@/db/queries/evidence";
import { buildAccountDocument, parseAccountDocument, planImport } from "./json";
import { type AccountDocument, ZIP_DOCUMENT_NAME } from "./json-schema";
import { readZip, type ZipEntry, zipStream } from "./zip";

/** Largest upload the import accepts (a JSON document, or a ZIP with the evidence files). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
export const MAX_IMPORT_LABEL = "100 MB";

export async function exportAccount(db: Database, userId: string, now = new Date()): Promise<AccountDocument | null> {
  const rows = await loadAccountRows(db, userId);
  return rows ? buildAccountDocument(rows, now) : null;
}

export function documentJson(doc: AccountDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The document and every evidence file (each file once, read from the BlobStore as the client downloads). */
export async function exportAccountZip(db: Database, userId: string, now = new Date()): Promise<{ doc: AccountDocument; stream: ReadableStream<Uint8Array> } | null> {
  const rows = await loadAccountRows(db, userId);
  if (!rows) return null;
  const doc = buildAccountDocument(rows, now);
  const blobKeyOf = new Map(rows.evidence.map((e) => [e.id, e.blobKey]));
  const store = pgBlobStore(db);
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: ZIP_DOCUMENT_NAME, bytes: new TextEncoder().encode(documentJson(doc)), compress: true };
    const written = new Set<string>();
    for (const activity of doc.activities) {
      for (const file of activity.evidence) {
        if (written.has(file.file) || !file.id) continue;
        const key = blobKeyOf.get(file.id);
        const bytes = key ? await store.get(userId, key) : null;
        if (!bytes) throw new Error(`evidence ${file.id} has no bytes`);
        written.add(file.file);
        yield { name: file.file, bytes, compress: false };
      }
    }
  }
  return { doc, stream: zipStream(entries()) };
}

export type ImportOutcome =
  | { ok: true; counts: { certifications: number; activities: number; evidence: number }; skippedEvidence: number }
  | { ok: false; code: "not_empty" | "invalid_file" | "invalid_document"; message: string; problems: Record<string, string> };

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function parseJsonBytes(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const notEmpty = (c: { certifications: number; activities: number }): ImportOutcome => ({
  ok: false,
  code: "not_empty",
  message: `Import only works into an empty account, and this one has ${c.certifications} certification${c.certifications === 1 ? "" : "s"} and ${c.activities} activit${c.activities === 1 ? "y" : "ies"}. Create a new account (or delete these) and import there.`,
  problems: {},
});

/**
 * Imports an export file (JSON, or the ZIP with evidence) into the holder's empty account, all or
 * nothing. Every entry is checked before the one transaction starts.
 */
export async function importAccount(
  db: Database,
  userId: string,
  bytes: Uint8Array,
  opts: Parameters<typeof importAccountRows>[3] = {},
): Promise<ImportOutcome> {
  const before = await accountContents(db, userId);
  if (before.certifications > 0 || before.activities > 0) return notEmpty(before);

  let files: Map<string, Uint8Array> | null = null;
  let raw: Uint8Array = bytes;
  if (isZip(bytes)) {
    const zip = readZip(bytes, { maxEntryBytes: 60 * 1024 * 1024, maxTotalBytes: 250 * 1024 * 1024, maxEntries: 20_000 });
    if (!zip.ok) return { ok: false, code: "invalid_file", message: zip.message, problems: {} };
    const doc = zip.files.get(ZIP_DOCUMENT_NAME);
    if (!doc) return { ok: false, code: "invalid_file", message: `This ZIP has no ${ZIP_DOCUMENT_NAME}: it is not a Recert export.`, problems: {} };
    files = zip.files;
    raw = doc;
  }
  const json = parseJsonBytes(raw);
  if (!json.ok) return { ok: false, code: "invalid_file", message: "Choose the .json or .zip file that Recert's export gave you.", problems: {} };
  const parsed = parseAccountDocument(json.value);
  if (!parsed.ok) return { ok: false, code: "invalid_document", message: parsed.message, problems: parsed.problems };
  const planned = planImport(parsed.doc, files);
  if (!planned.ok) return { ok: false, code: "invalid_document", message: planned.message, problems: planned.problems };
  const result = await importAccountRows(db, userId, planned.plan, opts);
  if (result.status === "not_empty") return notEmpty(result.contents);
  return { ok: true, counts: result.counts, skippedEvidence: planned.skippedEvidence };
}
