/**
 * The audit pack as a streamed ZIP (fflate): the summary PDF, every evidence file named by its
 * line in the summary, then the index CSV (last, so it can say which files were really packed).
 * Evidence bytes are read one file at a time as the download is consumed, so a pack of many
 * large files never sits in memory whole. Evidence (PDF, PNG, JPEG) is stored as is: those
 * formats are compressed already; the PDF and the CSV are deflated.
 *
 * Pure apart from the `readEvidence` callback it is given.
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { SubmissionSummary } from "./model";
import { auditIndexCsv, auditPackFiles, type PackFile } from "./exports";

const encoder = new TextEncoder();

export interface AuditPackInput {
  summary: SubmissionSummary;
  pdf: Uint8Array;
  pdfName: string;
  /** The bytes of one evidence file, or null when the store no longer has them. */
  readEvidence: (evidenceId: string) => Promise<Uint8Array | null>;
}

/** The ZIP as a sequence of chunks, produced as they are asked for. */
export async function* auditPackChunks(input: AuditPackInput): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else queue.push(chunk);
  });
  const drain = function* (): Generator<Uint8Array> {
    if (failure) throw failure;
    while (queue.length) yield queue.shift()!;
  };

  const pdf = new ZipDeflate(input.pdfName, { level: 6 });
  zip.add(pdf);
  pdf.push(input.pdf, true);
  yield* drain();

  const files = auditPackFiles(input.summary);
  const packed: PackFile[] = [];
  const missing: PackFile[] = [];
  for (const f of files) {
    const bytes = await input.readEvidence(f.evidence.id);
    if (!bytes) {
      missing.push(f);
      continue;
    }
    const entry = new ZipPassThrough(f.path);
    zip.add(entry);
    entry.push(bytes, true);
    packed.push(f);
    yield* drain();
  }

  const index = auditIndexCsv(input.summary, packed, input.pdfName, missing);
  const csv = new ZipDeflate("index.csv", { level: 6 });
  zip.add(csv);
  csv.push(encoder.encode(index), true);
  zip.end();
  yield* drain();
}

/** The ZIP as a web stream for a Response, pulled chunk by chunk. */
export function auditPackStream(input: AuditPackInput): ReadableStream<Uint8Array> {
  const it = auditPackChunks(input);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}
