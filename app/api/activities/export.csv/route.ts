import { getDb } from "@/db/client";
import { audit } from "@/lib/audit";
import { getCurrentUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/auth/request-ip";
import { todayIn } from "@/lib/dates";
import { apiError } from "@/lib/evidence/http";
import { exportActivitiesCsv } from "@/lib/import-export/csv-export";

export const dynamic = "force-dynamic";

/** GET: the holder's activity log as CSV (RFC 4180, UTF-8, the import's columns). */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to export your activities.");
  const { csv, rows } = await exportActivitiesCsv(await getDb(), user.id);
  await audit({ userId: user.id, action: "activities.export_csv", ip: clientIp(request.headers), detail: { rows } });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="recert-activities-${todayIn(user.timezone)}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
