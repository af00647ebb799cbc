import { z } from "zod";
import { getDb } from "@/db/client";
import { ApiError, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { todayIn } from "@/lib/dates";
import { contentDisposition } from "@/lib/evidence/filename";
import { documentJson, exportAccount, exportAccountZip } from "@/lib/import-export/json-account";

export const dynamic = "force-dynamic";
const Query = z.object({ format: z.enum(["json", "zip"], { error: "Must be json or zip." }).default("json") });

/** GET /api/account/export?format=json|zip: the whole account as a download (docs/api.md). */
export const GET = apiRoute({ query: zodParser(Query, "query") }, async ({ request, user, query: { format } }) => {
  const db = await getDb();
  const name = `recert-account-${todayIn(user.timezone)}.${format}`;
  const out = format === "zip" ? await exportAccountZip(db, user.id) : await exportAccount(db, user.id);
  if (!out) throw new ApiError("not_found", "No such account.");
  await audit({ userId: user.id, action: "account.exported", ip: clientIp(request.headers), detail: { format } });
  const body = "stream" in out ? out.stream : documentJson(out);
  const type = format === "zip" ? "application/zip" : "application/json; charset=utf-8";
  return new Response(body, { headers: { "content-type": type, "content-disposition": contentDisposition(name), "cache-control": "no-store" } });
});
