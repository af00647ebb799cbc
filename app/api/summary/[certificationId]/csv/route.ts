import { apiRoute } from "@/lib/api/route";
import { summaryCsv, summaryFileBase } from "@/lib/summary/exports";
import { auditExport, download, requireSummary, summaryParams, summaryQuery } from "@/lib/summary/http";

export const dynamic = "force-dynamic";

/** GET: the summary's itemised list as CSV (RFC 4180, formula cells neutralised); ?cycle= as for the PDF. */
export const GET = apiRoute({ params: summaryParams, query: summaryQuery }, async ({ request, user, params, query }) => {
  const summary = await requireSummary(user, params.certificationId, query.cycle);
  await auditExport(user, request, summary, "csv");
  return download(summaryCsv(summary), `${summaryFileBase(summary)}.csv`, "text/csv; charset=utf-8");
});
