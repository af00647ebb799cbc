import { getCurrentUser } from "@/lib/auth/session";
import { apiError } from "@/lib/evidence/http";
import { serializeCsv } from "@/lib/import-export/csv";
import { templateRecords } from "@/lib/import-export/csv-activities";

export const dynamic = "force-dynamic";

/** GET: a CSV with the import's header row and two example rows (docs/csv.md explains the columns). */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to download the template.");
  return new Response(serializeCsv(templateRecords()), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="recert-activities-template.csv"',
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
