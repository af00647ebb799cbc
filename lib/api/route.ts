import "server-only";
import { getDb } from "@/db/client";
import { findUserByTokenHash } from "@/db/queries/api-tokens";
import type { User } from "@/db/schema";
import { audit, auditRefusal } from "@/lib/audit";
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

/** Who each request turned out to be, for the refusal log below. */
const askedBy = new WeakMap<Request, User>();

const route = createApiRoute<User>({
  authenticate: async (request) => {
    const who = await authenticateRequest(request);
    if (who && who !== "invalid_token") askedBy.set(request, who.user);
    return who;
  },
});

/**
 * Wraps a route handler: auth → origin check → parse → call → JSON response. Refusals are
 * audited here, once for every route: a 403 (cross-site cookie write) and a 404 answered to a
 * signed-in holder (a missing or someone else's id) as "authz.refused".
 */
export const apiRoute: typeof route = (opts, handler) => {
  const inner = route(opts, handler);
  return async (request, arg) => {
    const response = await inner(request, arg);
    const user = askedBy.get(request) ?? null;
    if (response.status === 403 || (response.status === 404 && user)) {
      await auditRefusal(request, user?.id ?? null, response.status, response.status === 403 ? "cross_site" : "not_found");
    }
    return response;
  };
};
