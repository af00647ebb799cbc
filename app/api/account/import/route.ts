import { getDb } from "@/db/client";
import { json } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { importAccount } from "@/lib/import-export/json-account";
import { importOutcomeError, readImportUpload } from "@/lib/import-export/json-upload";

export const dynamic = "force-dynamic";

/** POST /api/account/import: an export file (multipart `file`, or a raw JSON/ZIP body) into this empty account. */
export const POST = apiRoute({}, async ({ request, user }) => {
  const bytes = await readImportUpload(request);
  const outcome = await importAccount(await getDb(), user.id, bytes);
  if (!outcome.ok) throw importOutcomeError(outcome);
  await audit({ userId: user.id, action: "account.imported", ip: clientIp(request.headers), detail: { ...outcome.counts } });
  return json({ imported: outcome.counts, skippedEvidence: outcome.skippedEvidence });
});
