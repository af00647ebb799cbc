"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "./ui";

/** Delete with an inline confirmation (no browser dialog), then refresh the panel. */
export function EvidenceDeleteButton({ evidenceId, fileName }: { evidenceId: string; fileName: string }) {
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "confirm" | "deleting">("idle");
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setStep("deleting");
    setError(null);
    const res = await fetch(`/api/evidence/${encodeURIComponent(evidenceId)}`, { method: "DELETE" }).catch(() => null);
    if (res && (res.status === 204 || res.status === 404)) {
      router.refresh();
      return;
    }
    setStep("confirm");
    setError("The file could not be deleted. Try again.");
  }

  if (step === "idle") {
    return (
      <Button type="button" kind="ghost" className="-ml-4 self-start sm:ml-0 sm:self-auto" onClick={() => setStep("confirm")} aria-label={`Delete ${fileName}`}>
        Delete
      </Button>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex gap-2">
        <Button type="button" kind="danger" onClick={remove} disabled={step === "deleting"} aria-label={`Confirm deleting ${fileName}`}>
          {step === "deleting" ? "Deleting…" : "Delete file"}
        </Button>
        <Button type="button" kind="secondary" onClick={() => setStep("idle")} disabled={step === "deleting"}>
          Keep
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
