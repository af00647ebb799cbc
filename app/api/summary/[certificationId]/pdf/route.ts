import { apiRoute } from "@/lib/api/route";
import { auditExport, download, madeNow, requireSummary, summaryParams, summaryQuery } from "@/lib/summary/http";
import { summaryFileBase } from "@/lib/summary/exports";
import { buildSummaryPdf } from "@/lib/summary/pdf";

export const dynamic = "force-dynamic";

/** GET: the submission summary as a PDF; ?cycle=<index or due date> for a past cycle. */
export const GET = apiRoute({ params: summaryParams, query: summaryQuery }, async ({ request, user, params, query }) => {
  const summary = await requireSummary(user, params.certificationId, query.cycle);
  const pdf = await buildSummaryPdf(summary, madeNow(user));
  await auditExport(user, request, summary, "pdf");
  return download(pdf, `${summaryFileBase(summary)}.pdf`, "application/pdf");
});
