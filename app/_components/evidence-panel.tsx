import { getDb } from "@/db/client";
import { type EvidenceMeta, listEvidence } from "@/db/queries/evidence";
import { getCurrentUser } from "@/lib/auth/session";
import { formatBytes } from "@/lib/evidence/filename";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_LABEL, MAX_FILES_PER_ACTIVITY } from "@/lib/evidence/sniff";
import { EvidenceDeleteButton } from "./evidence-delete";
import { EvidenceUploadForm } from "./evidence-upload";
import { Card } from "./ui";

const TYPE_LABEL: Record<string, string> = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" };

// Built once (toLocaleDateString with options builds a formatter per call, ~0.1 ms).
const uploadedFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function uploadedOn(d: Date): string {
  return uploadedFormat.format(d);
}

/**
 * The files that prove one activity: list with size and download link, upload with progress,
 * delete. Scoped to the signed-in holder: another holder's activity id shows nothing.
 */
export async function EvidencePanel({ activityId, files: loaded }: { activityId: string; /** Already loaded with the activity (saves a query). */ files?: EvidenceMeta[] }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const files = loaded ?? (await listEvidence(await getDb(), user.id, activityId));
  const full = files.length >= MAX_FILES_PER_ACTIVITY;
  return (
    <Card aria-labelledby="evidence-heading" className="space-y-4">
      <div>
        <h2 id="evidence-heading" className="text-lg font-semibold text-ink">
          Evidence
        </h2>
        <p className="mt-1 text-sm text-muted">
          Certificates, receipts or agendas that prove this activity, in case ASCM audits your application. PDF, PNG or JPEG, up to{" "}
          {MAX_EVIDENCE_LABEL} each. Only you can download them.
        </p>
      </div>
      {files.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-muted">No files attached yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label="Attached files">
          {files.map((f) => (
            <li key={f.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <a
                  href={`/api/evidence/${f.id}`}
                  download={f.fileName}
                  className="block truncate font-medium text-brand-700 underline-offset-2 hover:underline"
                  title={f.fileName}
                >
                  {f.fileName}
                </a>
                <p className="text-xs text-muted">
                  {TYPE_LABEL[f.contentType] ?? f.contentType} · {formatBytes(f.sizeBytes)} · added {uploadedOn(f.createdAt)}
                </p>
              </div>
              <EvidenceDeleteButton evidenceId={f.id} fileName={f.fileName} />
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p className="text-sm text-muted">This activity has {MAX_FILES_PER_ACTIVITY} files, the most it can hold. Delete one to add another.</p>
      ) : (
        <EvidenceUploadForm activityId={activityId} maxBytes={MAX_EVIDENCE_BYTES} maxLabel={MAX_EVIDENCE_LABEL} />
      )}
    </Card>
  );
}
