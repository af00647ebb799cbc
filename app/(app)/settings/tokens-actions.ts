"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { generateToken } from "@/lib/api/tokens";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { type FormState, invalid, parseForm } from "@/lib/forms";

/** The new token travels back once, in this state; it is never stored or logged. */
export type TokenFormState = FormState | { status: "created"; name: string; token: string; origin: string };

/** Enough for scripts and integrations; more is likely forgotten tokens. */
const MAX_LIVE_TOKENS = 20;

const CreateTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after where you use it, e.g. “Laptop script”.").max(60, "Use at most 60 characters."),
});
const RevokeSchema = z.object({ id: z.string().max(64) });

export async function createTokenAction(_prev: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const user = await requireUser();
  const parsed = parseForm(CreateTokenSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  if ((await listApiTokens(db, user.id)).length >= MAX_LIVE_TOKENS) {
    return invalid(formData, { name: `You have ${MAX_LIVE_TOKENS} tokens. Revoke one you no longer use first.` });
  }
  const fresh = generateToken();
  const row = await createApiToken(db, user.id, { name: parsed.data.name, tokenHash: fresh.tokenHash, prefix: fresh.prefix });
  const h = await headers();
  await audit({ userId: user.id, action: "api_token.created", ip: clientIp(h), detail: { tokenId: row.id, name: row.name, prefix: row.prefix } });
  revalidatePath("/settings");
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return { status: "created", name: row.name, token: fresh.token, origin: `${proto}://${host}` };
}

export async function revokeTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(RevokeSchema, formData);
  if (!parsed.ok) return parsed.state;
  const revoked = await revokeApiToken(await getDb(), user.id, parsed.data.id);
  // Another holder's id looks exactly like one that does not exist.
  if (!revoked) return { status: "error", message: "That token no longer exists.", fieldErrors: {}, values: {} };
  await audit({ userId: user.id, action: "api_token.revoked", ip: clientIp(await headers()), detail: { tokenId: parsed.data.id, name: revoked.name, prefix: revoked.prefix } });
  revalidatePath("/settings");
  return { status: "success", message: `Token “${revoked.name}” is revoked. Requests using it now get 401.` };
}
