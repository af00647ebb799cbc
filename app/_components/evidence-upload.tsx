"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button, inputClass } from "./ui";

type State = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "error"; message: string } | { kind: "done"; fileName: string };

/** Sends the file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function upload(activityId: string, file: File, onProgress: (percent: number) => void): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/evidence?activityId=${encodeURIComponent(activityId)}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) return resolve({ ok: true, message: "" });
      const body = xhr.response as { error?: { message?: string } } | null;
      resolve({ ok: false, message: body?.error?.message ?? `The upload failed (error ${xhr.status}). Try again.` });
    };
    xhr.onerror = () => resolve({ ok: false, message: "The connection was lost during the upload. Try again." });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

export function EvidenceUploadForm({ activityId, maxBytes, maxLabel }: { activityId: string; maxBytes: number; maxLabel: string }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (!file) return setState({ kind: "error", message: "Choose a file to attach." });
    if (file.size === 0) return setState({ kind: "error", message: "The file is empty (0 bytes). Choose the file again." });
    if (file.size > maxBytes) return setState({ kind: "error", message: `The file is larger than ${maxLabel}. Compress it or split it into smaller files.` });
    setState({ kind: "uploading", percent: 0 });
    const result = await upload(activityId, file, (percent) => setState({ kind: "uploading", percent }));
    if (!result.ok) return setState({ kind: "error", message: result.message });
    if (inputRef.current) inputRef.current.value = "";
    setState({ kind: "done", fileName: file.name });
    router.refresh();
  }

  const busy = state.kind === "uploading";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-ink">
          Attach a file
        </label>
        <input
          ref={inputRef}
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          aria-invalid={state.kind === "error" ? true : undefined}
          aria-describedby={state.kind === "error" ? `${hintId} ${errorId}` : hintId}
          onChange={() => state.kind !== "uploading" && setState({ kind: "idle" })}
          disabled={busy}
          className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-3 file:py-1 file:text-sm file:font-semibold file:text-brand-800`}
        />
        <p id={hintId} className="text-xs text-muted">
          PDF, PNG or JPEG, up to {maxLabel}. The type is checked from the file&apos;s content.
        </p>
        {state.kind === "error" ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
      {busy ? (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.percent}
            className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${state.percent}%` }} />
          </div>
          <p className="text-xs text-muted">Uploading… {state.percent}%</p>
        </div>
      ) : null}
      {state.kind === "done" ? (
        <p role="status" className="text-sm text-emerald-800">
          Attached {state.fileName}.
        </p>
      ) : null}
      <Button type="submit" kind="secondary" disabled={busy}>
        {busy ? "Uploading…" : "Upload file"}
      </Button>
    </form>
  );
}
