import { getDb } from "@/db/client";
import { readEvidenceFile } from "@/db/queries/evidence";
import { apiRoute } from "@/lib/api/route";
import { summaryFileBase } from "@/lib/summary/exports";
import { auditExport, download, madeNow, requireSummary, summaryParams, summaryQuery } from "@/lib/summary/http";
import { buildSummaryPdf } from "@/lib/summary/pdf";
import { auditPackStream } from "@/lib/summary/zip";

export const dynamic = "force-dynamic";

/** GET: the audit pack, one ZIP with the summary PDF, every evidence file named by its line, and an index CSV. */
export const GET = apiRoute({ params: summaryParams, query: summaryQuery }, async ({ request, user, params, query }) => {
  const summary = await requireSummary(user, params.certificationId, query.cycle);
  const base = summaryFileBase(summary);
  const pdf = await buildSummaryPdf(summary, madeNow(user));
  const db = await getDb();
  const stream = auditPackStream({
    summary,
    pdf,
    pdfName: `${base}.pdf`,
    readEvidence: async (id) => (await readEvidenceFile(db, user.id, id))?.bytes ?? null,
  });
  await auditExport(user, request, summary, "zip");
  return download(stream, `${base.replace("-summary-", "-audit-pack-")}.zip`, "application/zip");
});
