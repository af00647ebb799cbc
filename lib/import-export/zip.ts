/**
 * ZIP for the account export (fflate): streamed out entry by entry, so an account with many
 * evidence files never sits in memory at once; read back with limits per entry and in total.
 */
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from "fflate";

export type ZipEntry = { name: string; bytes: Uint8Array; compress: boolean };

/** A ZIP as a byte stream; `entries` is pulled one at a time as the client reads. */
export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const it = entries[Symbol.asyncIterator]();
  const pending: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else {
      pending.push(chunk);
      if (final) finished = true;
    }
  });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (pending.length === 0 && !finished && !failure) {
          const next = await it.next();
          if (next.done) {
            zip.end();
            break;
          }
          const { name, bytes, compress } = next.value;
          // PDFs and images are compressed already; deflating them again only costs CPU.
          const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
          zip.add(file);
          file.push(bytes, true);
        }
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
      if (failure) {
        controller.error(failure);
        return;
      }
      for (const chunk of pending.splice(0)) controller.enqueue(chunk);
      if (finished) controller.close();
    },
    async cancel() {
      await it.return?.();
    },
  });
}

export type ReadZipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

/**
 * The entries of a ZIP (directories skipped). Refuses entries larger than `maxEntryBytes` and
 * archives that unpack to more than `maxTotalBytes`, before inflating anything.
 */
export function readZip(bytes: Uint8Array, limits: { maxEntryBytes: number; maxTotalBytes: number; maxEntries: number }): ReadZipResult {
  let total = 0;
  let count = 0;
  let tooBig: string | null = null;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith("/")) return false;
        count += 1;
        total += file.originalSize;
        if (file.originalSize > limits.maxEntryBytes) tooBig ??= `${file.name} is larger than allowed.`;
        if (total > limits.maxTotalBytes) tooBig ??= "The ZIP unpacks to more than allowed.";
        if (count > limits.maxEntries) tooBig ??= "The ZIP holds too many files.";
        return tooBig === null;
      },
    });
  } catch {
    return { ok: false, message: "This file is not a readable ZIP archive." };
  }
  if (tooBig) return { ok: false, message: tooBig };
  return { ok: true, files: new Map(Object.entries(unpacked)) };
}
