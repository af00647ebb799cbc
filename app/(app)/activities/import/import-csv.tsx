"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert, Button, Card, inputClass } from "@/app/_components/ui";
import { formatDate, formatPoints } from "@/lib/dates";
import type { CertRef, RowCheck, RowError } from "@/lib/import-export/csv-activities";
import { IMPORT_BATCH_BYTES, IMPORT_BATCH_ROWS, MAX_CSV_BYTES, MAX_CSV_ROWS } from "@/lib/import-export/limits";
import { importCsvBatchAction } from "./actions";

/**
 * The parser and the row checks (papaparse, the rule packs) are loaded when a file is about to be
 * chosen, not with the page: they are most of this page's JavaScript (bench:js).
 */
const loadChecks = () => Promise.all([import("@/lib/import-export/csv"), import("@/lib/import-export/csv-activities")]);

type ValidRow = Extract<RowCheck, { ok: true }> & { occurrence: number };
type BadRow = { line: number; errors: RowError[] };

type Preview = { fileName: string; total: number; valid: ValidRow[]; invalid: BadRow[]; ignored: string[]; encoding: string };
type Result = { added: number; already: number; invalid: BadRow[] };

type State =
  | { step: "choose"; error?: string }
  | { step: "checking"; fileName: string; done: number; total: number }
  | { step: "preview"; preview: Preview; error?: string }
  | { step: "importing"; preview: Preview; done: number; partial: Result }
  | { step: "done"; preview: Preview; result: Result };

const CHECK_CHUNK = 250;
const SHOWN_PROBLEMS = 200;

/** Lets the browser paint the progress bar between chunks of work. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-150" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted" aria-live="polite">
        {label}: {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} rows ({percent}%)
      </p>
    </div>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function ProblemTable({ rows }: { rows: BadRow[] }) {
  const flat = rows.flatMap((r) => r.errors.map((e) => ({ line: r.line, ...e })));
  const shown = flat.slice(0, SHOWN_PROBLEMS);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Rows with problems</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Line
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Column
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Problem
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((p, i) => (
              <tr key={`${p.line}-${p.column}-${i}`} data-line={p.line}>
                <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums">{p.line}</td>
                <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs">{p.column}</td>
                <td className="px-3 py-2 align-top">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flat.length > shown.length ? (
        <p className="text-sm text-muted">
          And {plural(flat.length - shown.length, "more problem")}. Fix these first, then check the file again.
        </p>
      ) : null}
    </div>
  );
}

function SampleTable({ rows }: { rows: ValidRow[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">First rows to import</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
              Line
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
              Date
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Activity
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Points
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.line}>
              <td className="hidden px-3 py-2 align-top tabular-nums sm:table-cell">{r.line}</td>
              <td className="hidden whitespace-nowrap px-3 py-2 align-top sm:table-cell">{formatDate(r.value.startDate)}</td>
              <td className="px-3 py-2 align-top">
                <span className="block font-medium text-ink">{r.value.title}</span>
                <span className="block text-xs text-muted">
                  <span className="sm:hidden">
                    Line {r.line} · {formatDate(r.value.startDate)} ·{" "}
                  </span>
                  {r.typeLabel}
                </span>
              </td>
              <td className="px-3 py-2 text-right align-top tabular-nums">{formatPoints(r.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Splits rows into requests of at most IMPORT_BATCH_ROWS rows and about IMPORT_BATCH_BYTES of JSON. */
function batches(rows: ValidRow[]): ValidRow[][] {
  const out: ValidRow[][] = [];
  let current: ValidRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = JSON.stringify(r.cells).length + 40;
    if (current.length && (current.length >= IMPORT_BATCH_ROWS || bytes + size > IMPORT_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

export function ImportCsv({ certs }: { certs: CertRef[] }) {
  const [state, setState] = useState<State>({ step: "choose" });
  const [inputKey, setInputKey] = useState(0);
  const router = useRouter();
  const id = useId();
  const fileId = `${id}-file`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  async function check(file: File) {
    if (file.size > MAX_CSV_BYTES) {
      return setState({ step: "choose", error: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files.` });
    }
    setState({ step: "checking", fileName: file.name, done: 0, total: 0 });
    let checks: Awaited<ReturnType<typeof loadChecks>>;
    try {
      checks = await loadChecks();
    } catch {
      return setState({ step: "choose", error: "The file checker could not be loaded. Check your connection, then choose the file again." });
    }
    const [{ decodeCsvBytes, parseCsv }, { checkRecord, mapHeader, occurrences }] = checks;
    const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return setState({ step: "choose", error: decoded.message });
    await nextFrame();
    const parsed = parseCsv(decoded.text);
    const header = mapHeader(parsed.header);
    if (!header.ok) return setState({ step: "choose", error: header.message });
    const total = parsed.records.length + parsed.problems.length;
    if (total === 0) return setState({ step: "choose", error: "The file has a header row but no activities under it." });
    if (total > MAX_CSV_ROWS) {
      return setState({
        step: "choose",
        error: `The file has ${total.toLocaleString("en-US")} rows; import at most ${MAX_CSV_ROWS.toLocaleString("en-US")} at a time. Split it into smaller files.`,
      });
    }
    const valid: Extract<RowCheck, { ok: true }>[] = [];
    const invalid: BadRow[] = parsed.problems.map((p) => ({ line: p.line, errors: [{ column: "(row)", message: p.message }] }));
    for (let i = 0; i < parsed.records.length; i += CHECK_CHUNK) {
      for (const record of parsed.records.slice(i, i + CHECK_CHUNK)) {
        const r = checkRecord(record, header, certs);
        if (r.ok) valid.push(r);
        else invalid.push({ line: r.line, errors: r.errors });
      }
      setState({ step: "checking", fileName: file.name, done: Math.min(i + CHECK_CHUNK, parsed.records.length), total });
      await nextFrame();
    }
    invalid.sort((a, b) => a.line - b.line);
    const occ = occurrences(valid.map((v) => v.canonical));
    setState({
      step: "preview",
      preview: {
        fileName: file.name,
        total,
        valid: valid.map((v, i) => ({ ...v, occurrence: occ[i] ?? 0 })),
        invalid,
        ignored: header.ignored,
        encoding: decoded.encoding,
      },
    });
  }

  async function runImport(preview: Preview) {
    const partial: Result = { added: 0, already: 0, invalid: [...preview.invalid] };
    let done = 0;
    setState({ step: "importing", preview, done, partial });
    for (const batch of batches(preview.valid)) {
      const fd = new FormData();
      fd.set("payload", JSON.stringify({ rows: batch.map((r) => ({ line: r.line, occurrence: r.occurrence, cells: r.cells })) }));
      let answer: Awaited<ReturnType<typeof importCsvBatchAction>> | null = null;
      try {
        answer = await importCsvBatchAction(fd);
      } catch {
        answer = null;
      }
      if (!answer || answer.status !== "imported") {
        const why = answer && answer.status === "error" && answer.message ? answer.message : "The connection to Recert was lost.";
        return setState({
          step: "preview",
          preview,
          error: `The import stopped after ${plural(done, "row")} (${partial.added} added). ${why} Import the file again to finish: rows already imported are not added twice.`,
        });
      }
      partial.added += answer.added;
      partial.already += answer.already;
      partial.invalid.push(...answer.invalid);
      done += batch.length;
      setState({ step: "importing", preview, done, partial: { ...partial } });
    }
    partial.invalid.sort((a, b) => a.line - b.line);
    setState({ step: "done", preview, result: partial });
    // Banners and totals in the layout were rendered before the import.
    router.refresh();
  }

  function reset() {
    setInputKey((k) => k + 1);
    setState({ step: "choose" });
  }

  const chooseError = state.step === "choose" ? state.error : undefined;

  return (
    <Card aria-labelledby={`${id}-heading`} className="space-y-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-ink">
        {state.step === "done" ? "Import finished" : state.step === "preview" || state.step === "importing" ? "Check before importing" : "Choose a CSV file"}
      </h2>

      {state.step === "choose" || state.step === "checking" ? (
        <div className="space-y-1">
          <label htmlFor={fileId} className="block text-sm font-medium text-ink">
            CSV file
          </label>
          <input
            key={inputKey}
            id={fileId}
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            disabled={state.step === "checking"}
            aria-invalid={chooseError ? true : undefined}
            aria-describedby={chooseError ? `${hintId} ${errorId}` : hintId}
            // Start loading the checks as the holder reaches for the input (the click opens a file dialog anyway).
            onPointerEnter={() => loadChecks().catch(() => {})}
            onFocus={() => loadChecks().catch(() => {})}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void check(file);
            }}
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-3 file:py-1 file:text-sm file:font-semibold file:text-brand-800`}
          />
          <p id={hintId} className="text-xs text-muted">
            Nothing is saved until you confirm. The file is checked in your browser first.
          </p>
          {chooseError ? (
            <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
              {chooseError}
            </p>
          ) : null}
        </div>
      ) : null}

      {state.step === "checking" ? <ProgressBar label={`Checking ${state.fileName}`} done={state.done} total={state.total} /> : null}

      {state.step === "preview" || state.step === "importing" ? <PreviewBody state={state} onImport={runImport} onReset={reset} /> : null}

      {state.step === "done" ? (
        <div className="space-y-4">
          <Alert tone={state.result.invalid.length ? "warning" : "success"} title={`${state.preview.fileName} imported`}>
            <p data-testid="import-result">
              {plural(state.result.added, "added", "added")}, {plural(state.result.already, "already there", "already there")},{" "}
              {plural(state.result.invalid.length, "invalid", "invalid")}.
            </p>
            {state.result.already > 0 ? <p className="mt-1">Rows already imported from this file before were not added again.</p> : null}
          </Alert>
          {state.result.invalid.length ? (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-ink">Rows not imported</h3>
              <ProblemTable rows={state.result.invalid} />
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Link
              href="/activities"
              className="inline-flex min-h-10 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              See your activities
            </Link>
            <Button type="button" kind="secondary" onClick={reset}>
              Import another file
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}

function PreviewBody({
  state,
  onImport,
  onReset,
}: {
  state: Extract<State, { step: "preview" | "importing" }>;
  onImport: (p: Preview) => void;
  onReset: () => void;
}) {
  const { preview } = state;
  const importing = state.step === "importing";
  const validCount = preview.valid.length;
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-3 gap-2 sm:gap-3">
        <div className="rounded-md border border-slate-200 px-3 py-3 sm:px-4">
          <p className="text-xs uppercase tracking-wide text-muted">Rows in file</p>
          <p className="text-2xl font-bold tabular-nums text-ink">{preview.total.toLocaleString("en-US")}</p>
        </div>
        <div className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-3 sm:px-4">
          <p className="text-xs uppercase tracking-wide text-emerald-900">Ready to import</p>
          <p className="text-2xl font-bold tabular-nums text-emerald-900" data-testid="valid-count">
            {validCount.toLocaleString("en-US")}
          </p>
        </div>
        <div className={`rounded-md border px-3 py-3 sm:px-4 ${preview.invalid.length ? "border-red-200 bg-red-50" : "border-slate-200"}`}>
          <p className={`text-xs uppercase tracking-wide ${preview.invalid.length ? "text-red-900" : "text-muted"}`}>With problems</p>
          <p className={`text-2xl font-bold tabular-nums ${preview.invalid.length ? "text-red-900" : "text-ink"}`} data-testid="invalid-count">
            {preview.invalid.length.toLocaleString("en-US")}
          </p>
        </div>
      </div>
      <p className="text-sm text-muted">
        File: <span className="font-medium text-ink break-all">{preview.fileName}</span>
        {preview.encoding !== "utf-8" ? " (read as Windows-1252 text: check accented letters below)" : ""}
      </p>

      {state.step === "preview" && state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {preview.ignored.length ? (
        <Alert tone="info">
          Columns Recert does not know were ignored: {preview.ignored.map((c) => `“${c}”`).join(", ")}.
        </Alert>
      ) : null}

      {preview.invalid.length ? (
        <section aria-labelledby="problems-heading" className="space-y-2">
          <h3 id="problems-heading" className="text-sm font-semibold text-ink">
            {plural(preview.invalid.length, "row")} will be skipped
          </h3>
          <p className="text-sm text-muted">
            Fix them in your file and import it again later: the rows imported now will not be added twice.
          </p>
          <ProblemTable rows={preview.invalid} />
        </section>
      ) : null}

      {validCount ? (
        <section aria-labelledby="sample-heading" className="space-y-2">
          <h3 id="sample-heading" className="text-sm font-semibold text-ink">
            First rows to import
          </h3>
          <p className="text-xs text-muted">Points each activity earns on its own, before any cap.</p>
          <SampleTable rows={preview.valid.slice(0, 5)} />
        </section>
      ) : (
        <Alert tone="warning">No row can be imported. Fix the problems above and choose the file again.</Alert>
      )}

      {importing ? <ProgressBar label="Importing" done={state.done} total={validCount} /> : null}

      <div className="flex flex-col gap-2 sm:flex-row">
        {validCount ? (
          <Button type="button" onClick={() => onImport(preview)} disabled={importing}>
            {importing ? "Importing…" : `Import ${plural(validCount, "activity", "activities")}`}
          </Button>
        ) : null}
        <Button type="button" kind="secondary" onClick={onReset} disabled={importing}>
          Choose another file
        </Button>
      </div>
    </div>
  );
}
