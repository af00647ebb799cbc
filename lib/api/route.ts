import "server-only";
import { getDb } from "@/db/client";
import { findUserByTokenHash } from "@/db/queries/api-tokens";
import type { User } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { type Authenticate, createApiRoute } from "./core";
import { bearerToken, hashToken, looksLikeToken } from "./tokens";

/**
 * Who is asking: an `Authorization: Bearer` token wins over the cookie; a token that is sent
 * but unknown or revoked is a 401 even when a cookie is present too.
 */
export const authenticateRequest: Authenticate<User> = async (request) => {
  const token = bearerToken(request.headers.get("authorization"));
  if (token === "") {
    const user = await getCurrentUser();
    return user ? { user, via: "session" } : null;
  }
  const found = token && looksLikeToken(token) ? await findUserByTokenHash(await getDb(), hashToken(token)) : null;
  if (found) return { user: found.user, via: "token" };
  await audit({ action: "api.token_refused", ip: clientIp(request.headers), detail: { path: new URL(request.url).pathname } });
  return "invalid_token";
};

/** Wraps a route handler: auth → origin check → parse → call → JSON response. */
export const apiRoute = createApiRoute<User>({ authenticate: authenticateRequest });
