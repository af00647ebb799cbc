"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";

type ImportState =
  | { status: "idle" }
  | { status: "working" }
  | { status: "done"; counts: { certifications: number; activities: number; evidence: number }; skippedEvidence: number }
  | { status: "error"; message: string; problems: [string, string][]; fileError?: string };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

const FIELD_WORDS: Record<string, string> = {
  startDate: "date",
  endDate: "end date",
  typeId: "activity type",
  packId: "issuer",
  credentialCode: "credential",
  earnedDate: "earned date",
  manualPoints: "points set by hand",
  manualReason: "reason for the points",
  excludedFor: "excluded designations",
};

/** "activities.12.startDate" → "Activity 13, date" */
function where(path: string): string {
  const m = /^(activities|certifications)\.(\d+)\.?(.*)$/.exec(path);
  if (!m) return path;
  const what = m[1] === "activities" ? "Activity" : "Certification";
  const field = m[3] ?? "";
  const first = field.split(".")[0] ?? "";
  const words = FIELD_WORDS[first] ? field.replace(first, FIELD_WORDS[first]) : field;
  return `${what} ${Number(m[2]) + 1}${words ? `, ${words}` : ""}`;
}

/**
 * The upload form, or why there is none: import only goes into an empty account. After a
 * successful import the page refreshes (the account is no longer empty) and this component keeps
 * showing the result.
 */
export function ImportAccountForm({ contents }: { contents: { certifications: number; activities: number } }) {
  const router = useRouter();
  const [state, setState] = useState<ImportState>({ status: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "error", message: "Choose the export file first.", problems: [], fileError: "Choose a .json or .zip file." });
      return;
    }
    setState({ status: "working" });
    try {
      const res = await fetch("/api/account/import", { method: "POST", body: form, headers: { accept: "application/json" } });
      const body = (await res.json().catch(() => ({}))) as ErrorBody & { imported?: { certifications: number; activities: number; evidence: number }; skippedEvidence?: number };
      if (res.ok && body.imported) {
        setState({ status: "done", counts: body.imported, skippedEvidence: body.skippedEvidence ?? 0 });
        router.refresh();
        return;
      }
      const fields = body.error?.fields ?? {};
      const { file: fileError, ...rest } = fields;
      setState({
        status: "error",
        message: body.error?.message ?? "The import failed. Nothing was changed.",
        problems: Object.entries(rest).slice(0, 10),
        fileError,
      });
    } catch {
      setState({ status: "error", message: "The upload did not reach Recert. Check your connection and try again.", problems: [] });
    }
  }

  if (state.status === "done") {
    const { certifications, activities, evidence } = state.counts;
    return (
      <Alert tone="success" title="Import complete">
        <p>
          {certifications} certification{certifications === 1 ? "" : "s"}, {activities} activit{activities === 1 ? "y" : "ies"} and {evidence} evidence file
          {evidence === 1 ? "" : "s"} are now in your account.
        </p>
        {state.skippedEvidence > 0 ? (
          <p className="mt-1">
            {state.skippedEvidence} evidence file{state.skippedEvidence === 1 ? " was" : "s were"} listed but not included: import the ZIP export to bring
            the files too.
          </p>
        ) : null}
        <p className="mt-2">
          <Link href="/dashboard" className="font-semibold underline">
            Go to your dashboard
          </Link>
        </p>
      </Alert>
    );
  }

  if (contents.certifications > 0 || contents.activities > 0) {
    const { certifications: c, activities: a } = contents;
    return (
      <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-muted">
        Import only works into an empty account, so nothing you have is overwritten or doubled. This account has {c} certification
        {c === 1 ? "" : "s"} and {a} activit{a === 1 ? "y" : "ies"}. To import, create a new account and import there.
      </p>
    );
  }

  return (
    <form action="/api/account/import" method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" ? (
        <Alert tone="error" title="Nothing was imported">
          <p>{state.message}</p>
          {state.problems.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {state.problems.map(([path, message]) => (
                <li key={path}>
                  <span className="font-medium">{where(path)}:</span> {message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Field
        label="Export file"
        name="file"
        id="import-file"
        type="file"
        accept=".json,.zip,application/json,application/zip"
        error={state.status === "error" ? state.fileError : undefined}
        hint="The .json or .zip that Download gave you."
        className="[&_input]:py-1.5"
      />
      <Button type="submit" disabled={state.status === "working"}>
        {state.status === "working" ? "Importing…" : "Import"}
      </Button>
    </form>
  );
}
