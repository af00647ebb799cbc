/**
 * Auth.js (next-auth v5) with the Credentials provider and JWT cookies. A cookie alone is never
 * trusted: each sign-in is a row in `sessions` whose id the cookie carries, and lib/auth/session.ts
 * checks on every request that the row is not revoked and the user's session version still matches.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createSession, revokeSession } from "@/db/queries/sessions";
import { getUserByEmail } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import { beginSignInAttempt, signInSucceeded } from "@/lib/auth/rate-limit";
import { clientIp } from "@/lib/auth/request-ip";
import { resolveAuthSecret } from "@/lib/auth/secret";

declare module "next-auth" {
  interface User {
    /** The user's session version at sign-in, copied into the JWT. */
    sv?: number;
    /** The server-side session (db sessions.id) this sign-in created. */
    sid?: string;
  }
  interface Session {
    uid?: string;
    sv?: number;
    sid?: string;
    started?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
    started?: number;
  }
}

export class RateLimitedError extends CredentialsSignin {
  override code = "rate_limited";
}

/** Idle timeout 7 days (refreshed daily), absolute lifetime 30 days (checked in session.ts). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;

const CredentialsInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

// Lazy config: the secret is resolved at the first request, not while `next build` imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: resolveAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 24 * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is an expected event (audited), not a stack trace in the log.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error("[auth]", error.name, error.message);
    },
    warn() {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = CredentialsInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const { email, password } = parsed.data;
        const ip = clientIp(request.headers);
        const now = new Date();
        if (!(await beginSignInAttempt(email, ip, now))) {
          await audit({ action: "sign_in.refused_rate_limit", ip, detail: { email } });
          throw new RateLimitedError();
        }
        const user = await getUserByEmail(await getDb(), email);
        // Verify against a dummy hash for unknown emails so both cases take the same time.
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
        if (!user || !ok) {
          // The failure was counted by beginSignInAttempt.
          await audit({ userId: user?.id ?? null, action: "sign_in.failure", ip, detail: { email } });
          throw new CredentialsSignin();
        }
        await signInSucceeded(email, ip, now);
        const sid = await createSession(await getDb(), user.id, request.headers.get("user-agent"), now);
        await audit({ userId: user.id, action: "sign_in.success", ip, detail: { sessionId: sid } });
        return { id: user.id, name: user.name, email: user.email, sv: user.sessionVersion, sid };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
        token.sid = user.sid;
        token.started = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.uid = token.uid;
      session.sv = token.sv;
      session.sid = token.sid;
      session.started = token.started;
      return session;
    },
  },
  events: {
    // Auth.js's own sign-out route (POST /api/auth/signout); the app's sign-out action revokes first.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.uid && token.sid) await revokeSession(await getDb(), token.uid, token.sid);
    },
  },
}));
