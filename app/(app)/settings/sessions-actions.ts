"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { revokeSession } from "@/db/queries/sessions";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { currentSessionId, requireUser } from "@/lib/auth/session";
import { type FormState, parseForm } from "@/lib/forms";

const RevokeSessionSchema = z.object({ id: z.string().max(64) });

/** Settings → Sessions: signs out one other browser of the holder (its cookie is refused from now on). */
export async function revokeSessionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(RevokeSessionSchema, formData);
  if (!parsed.ok) return parsed.state;
  if (parsed.data.id === (await currentSessionId())) {
    return { status: "error", message: "This is the browser you are using: use “Sign out” at the top instead.", fieldErrors: {}, values: {} };
  }
  // Another holder's session id looks exactly like one that does not exist.
  if (!(await revokeSession(await getDb(), user.id, parsed.data.id))) {
    return { status: "error", message: "That session was not found. It may have ended already.", fieldErrors: {}, values: {} };
  }
  await audit({ userId: user.id, action: "session.revoked", ip: clientIp(await headers()), detail: { sessionId: parsed.data.id } });
  revalidatePath("/settings");
  return { status: "success", message: "That session is signed out." };
}
