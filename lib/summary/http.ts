import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { ApiError, notFound, zodParser } from "@/lib/api/core";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { todayIn } from "@/lib/dates";
import { contentDisposition } from "@/lib/evidence/filename";
import { parseCycleSelector, loadSummary } from "./load";
import type { SubmissionSummary } from "./model";

/** /api/summary/{certificationId}/{pdf|csv|zip}?cycle=<index or due date> */
export const summaryParams = zodParser(z.object({ certificationId: z.string() }));
export const summaryQuery = zodParser(
  z.object({
    cycle: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .refine((v) => parseCycleSelector(v) !== null, "Give the cycle as its number (0 = the first) or its due date, YYYY-MM-DD."),
  }),
  "query",
);

/** The holder's summary, or a 404 that is the same for a missing and for another holder's certification. */
export async function requireSummary(user: User, certificationId: string, cycle: string | string[] | undefined): Promise<SubmissionSummary> {
  const selector = parseCycleSelector(cycle);
  if (!selector) throw new ApiError("invalid_query", "Some query parameters are not valid.", { cycle: "Unknown cycle." });
  const result = await loadSummary(await getDb(), user, certificationId, selector);
  if (result.status === "not_maintained") {
    throw new ApiError("not_found", `${result.certification.credentialCode} needs no maintenance, so it has no submission summary.`);
  }
  if (result.status !== "ok") throw notFound("certification or cycle");
  return result.summary;
}

/** A download: never cached, never sniffed, always saved rather than shown. */
export function download(body: string | Uint8Array | ReadableStream<Uint8Array>, fileName: string, contentType: string): Response {
  // pdf-lib hands back a Uint8Array over an ArrayBufferLike; Response wants an ArrayBuffer view.
  const payload = body instanceof Uint8Array ? new Uint8Array(body) : body;
  return new Response(payload, {
    headers: {
      "content-type": contentType,
      "content-disposition": contentDisposition(fileName),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export async function auditExport(user: User, request: Request, s: SubmissionSummary, format: "pdf" | "csv" | "zip"): Promise<void> {
  await audit({
    userId: user.id,
    action: "summary.export",
    ip: clientIp(request.headers),
    detail: { format, certificationId: s.certificationId, credential: s.credentialCode, cycleDueDate: s.cycle.dueDate, lines: s.lineCount },
  });
}

export function madeNow(user: Pick<User, "timezone">): { madeOn: string; madeAt: Date } {
  const madeAt = new Date();
  return { madeAt, madeOn: todayIn(user.timezone, madeAt) };
}
