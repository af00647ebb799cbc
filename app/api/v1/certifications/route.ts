import { getDb } from "@/db/client";
import { createCertificationApi, listCertificationsApi } from "@/lib/api/certifications";
import { json, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { CertificationBodySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ user }) => json({ data: await listCertificationsApi(await getDb(), user) }));

/** POST /api/v1/certifications: add a designation { packId, credentialCode, earnedDate, holderId? }. */
export const POST = apiRoute({ body: zodParser(CertificationBodySchema) }, async ({ user, body }) =>
  json(await createCertificationApi(await getDb(), user, body), 201),
);
