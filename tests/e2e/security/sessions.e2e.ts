/**
 * Sessions and sign-in limits that a copied cookie or a forged header cannot get around:
 * - a plain "Sign out" revokes this session on the server (ASVS 7.4.1): a copy of the cookie taken
 *   before is refused, while the holder's other sessions keep working;
 * - "Sign out everywhere" and a password change revoke every session and every API token;
 * - with TRUST_PROXY off (the default), 50 failed sign-ins from one client are limited per address
 *   even when each sends a different forged X-Forwarded-For / X-Real-IP (on a server of its own,
 *   so the shared server's 50 per address are not used up); with TRUST_PROXY=1 the proxy's
 *   X-Forwarded-For is what counts.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RATE_LIMITED_MESSAGE, WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/messages";
import { actionResult, byKey, createToken, signInHolder, signUpHolder, uniqueEmail } from "../../support/holders";
import { HttpClient, type Reply } from "../../support/http";
import { type OwnApp, rows, startOwnApp } from "../../support/own-app";
import { discoverActions } from "../../support/routes";
import { otherSessionIds } from "./matrix";

const baseUrl = () => inject("baseUrl");
const actions = byKey(discoverActions());
const act = (key: string) => {
  const a = actions[key];
  if (!a) throw new Error(`server action ${key} is not in the build`);
  return a;
};
const SIGN_IN = "app/(auth)/actions.ts#signInAction";
const SIGN_OUT = "app/(auth)/actions.ts#signOutAction";
const EVERYWHERE = "app/(app)/settings/actions.ts#signOutEverywhereAction";
const CHANGE_PASSWORD = "app/(app)/settings/actions.ts#changePasswordAction";
const REVOKE_SESSION = "app/(app)/settings/sessions-actions.ts#revokeSessionAction";

/** Where a page sends this client: its own path when signed in, "/sign-in" when not. */
async function landing(client: HttpClient, path = "/dashboard"): Promise<string> {
  const r = await client.get(path);
  if (r.status >= 300 && r.status < 400) return new URL(r.headers.get("location") ?? "", client.baseUrl).pathname;
  return r.status === 200 ? path : `status ${r.status}`;
}

async function apiStatus(token: string): Promise<number> {
  return (await new HttpClient(baseUrl(), { authorization: `Bearer ${token}` }).get("/api/v1/activities")).status;
}

describe("server-side sessions", () => {
  it("a plain sign-out revokes this session: the copied cookie gets the sign-in page, other sessions live on", async () => {
    const { client, email, password } = await signUpHolder(baseUrl(), actions);
    const copied = client.clone();
    const laptop = await signInHolder(baseUrl(), actions, email, password);
    // Before: the copy works (so the refusal below means something).
    expect(await landing(copied)).toBe("/dashboard");

    await client.action(act(SIGN_OUT), "/dashboard", {});
    expect([...client.cookies.keys()].filter((k) => k.includes("session-token"))).toEqual([]);
    expect(await landing(client)).toBe("/sign-in");
    expect(await landing(copied)).toBe("/sign-in");
    expect(await landing(copied, "/settings")).toBe("/sign-in");
    // A session route refuses it too.
    expect((await copied.get("/api/account/export?format=json")).status).toBe(401);
    // The holder's other browser is not signed out.
    expect(await landing(laptop)).toBe("/dashboard");
  });

  it("Settings lists the holder's sessions and signs out one of them; another holder cannot", async () => {
    const { client, email, password } = await signUpHolder(baseUrl(), actions);
    const laptop = await signInHolder(baseUrl(), actions, email, password);
    const page = (await client.get("/settings")).text;
    expect(page).toContain("this browser");
    const others = otherSessionIds(page);
    expect(others).toHaveLength(1);
    const laptopId = others[0]!;

    // Another holder sending this holder's real session id: the same words as a missing one, nothing ended.
    const stranger = await signUpHolder(baseUrl(), actions);
    const refused = actionResult(await stranger.client.action(act(REVOKE_SESSION), "/settings", { id: laptopId })) as { status: string; message: string };
    expect(refused).toMatchObject({ status: "error", message: "That session was not found. It may have ended already." });
    expect(await landing(laptop)).toBe("/dashboard");

    // The holder's own session from Settings is refused (use Sign out), the laptop's is ended.
    const own = actionResult(await laptop.action(act(REVOKE_SESSION), "/settings", { id: laptopId })) as { status: string };
    expect(own.status).toBe("error");
    const done = actionResult(await client.action(act(REVOKE_SESSION), "/settings", { id: laptopId })) as { status: string };
    expect(done.status).toBe("success");
    expect(await landing(laptop)).toBe("/sign-in");
    expect(await landing(client)).toBe("/dashboard");
    expect(otherSessionIds((await client.get("/settings")).text)).toEqual([]);
  });

  it("sign out everywhere revokes every session and every API token", async () => {
    const { client, email, password } = await signUpHolder(baseUrl(), actions);
    const laptop = await signInHolder(baseUrl(), actions, email, password);
    const tokens = [await createToken(client, actions, "Laptop script"), await createToken(laptop, actions, "CI job")];
    for (const t of tokens) expect(await apiStatus(t)).toBe(200);
    const copied = client.clone();

    const reply = await client.action(act(EVERYWHERE), "/settings", {});
    expect(reply.headers.get("x-action-redirect") ?? "").toContain("/sign-in?signedOut=everywhere");
    for (const c of [client, laptop, copied]) expect(await landing(c)).toBe("/sign-in");
    for (const t of tokens) expect(await apiStatus(t)).toBe(401);
    // Signing in again works, and a new token does too.
    const again = await signInHolder(baseUrl(), actions, email, password);
    expect(await landing(again)).toBe("/dashboard");
    expect(await apiStatus(await createToken(again, actions, "New script"))).toBe(200);
  });

  it("a password change revokes every other session and every API token; this browser stays signed in", async () => {
    const { client, email, password } = await signUpHolder(baseUrl(), actions);
    const other = await signInHolder(baseUrl(), actions, email, password);
    const token = await createToken(client, actions);
    expect(await apiStatus(token)).toBe(200);
    const newPassword = "a different and long passphrase 77";
    const reply = await client.action(act(CHANGE_PASSWORD), "/settings", { currentPassword: password, newPassword, confirmPassword: newPassword });
    expect(reply.headers.get("x-action-redirect") ?? "").toContain("/settings?passwordChanged=1");
    expect(await landing(client)).toBe("/dashboard");
    expect(await landing(other)).toBe("/sign-in");
    expect(await apiStatus(token)).toBe(401);
  });
});

/** One sign-in through the form's action; the form's answer (or "signed-in"). */
async function signInOnce(client: HttpClient, email: string, password: string, headers: Record<string, string>): Promise<string> {
  const reply: Reply = await client.action(act(SIGN_IN), "/sign-in", { email, password }, headers);
  const result = actionResult(reply) as { message?: string } | undefined;
  if (result?.message) return result.message;
  return (reply.headers.get("x-action-redirect") ?? "").startsWith("/dashboard") ? "signed-in" : `status ${reply.status}`;
}

describe("the per-address sign-in limit and forged forwarding headers", () => {
  describe("TRUST_PROXY off (the default)", () => {
    let own: OwnApp;
    beforeAll(async () => {
      own = await startOwnApp("pglite", "xff-off", { TRUST_PROXY: undefined });
    });
    afterAll(async () => {
      await own?.cleanup();
    });

    it("limits 50 failed sign-ins from one client, each with another forged X-Forwarded-For, by its real address", async () => {
      const { email, password } = await signUpHolder(own.app.baseUrl, actions);
      const client = new HttpClient(own.app.baseUrl);
      // Unknown accounts each time, so the per-account limit (10) never applies: only the per-address one.
      for (let i = 1; i <= 50; i++) {
        const forged = { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `192.0.2.${i}` };
        expect(await signInOnce(client, uniqueEmail("nobody"), "not the password", forged), `attempt ${i}`).toBe(WRONG_CREDENTIALS_MESSAGE);
      }
      // The 51st, from yet another "address" and with the right password: refused.
      expect(await signInOnce(client, email, password, { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98" })).toBe(RATE_LIMITED_MESSAGE);
      expect(await signInOnce(client, email, password, {})).toBe(RATE_LIMITED_MESSAGE);

      // The audit log has the real (loopback) address for every attempt, never a forged one and
      // never "unknown" (which would mean the peer address was not stamped on the request).
      await own.app.stop();
      const handle = await own.db.open();
      try {
        const ips = await rows<{ ip: string | null; n: number }>(
          handle,
          sql`select ip, count(*)::int as n from audit_log where action in ('sign_in.failure', 'sign_in.refused_rate_limit') group by ip`,
        );
        expect(ips).toEqual([{ ip: "127.0.0.1", n: 52 }]);
      } finally {
        await handle.close();
      }
    });
  });

  describe("TRUST_PROXY=1 (one proxy in front that appends the client's address)", () => {
    let own: OwnApp;
    beforeAll(async () => {
      own = await startOwnApp("pglite", "xff-one", { TRUST_PROXY: "1" });
    });
    afterAll(async () => {
      await own?.cleanup();
    });

    it("keys the limit by the address the proxy appended, not by what the client put before it", async () => {
      const { email, password } = await signUpHolder(own.app.baseUrl, actions, {});
      const client = new HttpClient(own.app.baseUrl);
      for (let i = 1; i <= 50; i++) {
        // The client forges a first entry; the proxy appends the real one (always 203.0.113.5 here).
        const viaProxy = { "x-forwarded-for": `198.51.100.${i}, 203.0.113.5` };
        expect(await signInOnce(client, uniqueEmail("nobody"), "not the password", viaProxy), `attempt ${i}`).toBe(WRONG_CREDENTIALS_MESSAGE);
      }
      expect(await signInOnce(client, email, password, { "x-forwarded-for": "198.51.100.200, 203.0.113.5" })).toBe(RATE_LIMITED_MESSAGE);
      // Another client behind the same proxy has its own limit.
      expect(await signInOnce(new HttpClient(own.app.baseUrl), email, password, { "x-forwarded-for": "203.0.113.6" })).toBe("signed-in");
    });
  });
});
