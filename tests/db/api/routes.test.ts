/**
 * The API route modules themselves, against a real database: token authentication, owner
 * scoping (another holder's id is a 404 that changes nothing), optimistic versions, and the
 * progress report coming from lib/rules via loadHolderProgress. The session cookie is stubbed;
 * tests/e2e/api.e2e.ts covers it against the built app.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { createApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { auditLog } from "@/db/schema";
import { createUser } from "@/db/queries/users";
import { generateToken } from "@/lib/api/tokens";
import { describeEachDb } from "../harness";

const session = vi.hoisted(() => ({ user: null as null | { id: string } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));

const activities = await import("@/app/api/v1/activities/route");
const activity = await import("@/app/api/v1/activities/[id]/route");
const certifications = await import("@/app/api/v1/certifications/route");
const progress = await import("@/app/api/v1/certifications/[id]/progress/route");
const accountExport = await import("@/app/api/account/export/route");
const accountImport = await import("@/app/api/account/import/route");

const BASE = "http://recert.test";
type Json = Record<string, unknown>;

function call(
  handler: (req: Request, arg?: { params: Promise<unknown> }) => Promise<Response>,
  opts: { method?: string; path?: string; token?: string; body?: unknown; id?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { host: "recert.test", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`${BASE}${opts.path ?? "/api/v1/x"}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(opts.id ? { id: opts.id } : {}) });
}

const training = (over: Json = {}) => ({
  typeId: "attend_training",
  title: "APICS chapter workshop",
  provider: "ASCM Chapter 12",
  startDate: "2024-03-10",
  quantity: 6,
  ...over,
});

describeEachDb("API v1 routes", (ctx) => {
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };

  async function holder(name: string) {
    const user = await createUser(ctx.handle.db, { email: `${name}-${Math.random()}@example.com`, name, passwordHash: "x", timezone: "UTC" });
    if (!user) throw new Error("no user");
    const t = generateToken();
    await createApiToken(ctx.handle.db, user.id, { name: "test", tokenHash: t.tokenHash, prefix: t.prefix });
    return { id: user.id, token: t.token };
  }

  beforeAll(async () => {
    alice = await holder("alice");
    bob = await holder("bob");
  });

  it("creates a certification and refuses a duplicate, an unknown credential and a future date", async () => {
    const res = await call(certifications.POST, { method: "POST", token: alice.token, body: { packId: "ascm", credentialCode: "cpim", earnedDate: "2022-03-15" } });
    expect(res.status).toBe(201);
    const cert = (await res.json()) as Json;
    expect(cert).toMatchObject({ packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null });
    expect(cert).not.toHaveProperty("userId");

    const dup = await call(certifications.POST, { method: "POST", token: alice.token, body: { credentialCode: "CPIM", earnedDate: "2022-03-15" } });
    expect(dup.status).toBe(409);
    const unknown = await call(certifications.POST, { method: "POST", token: alice.token, body: { credentialCode: "PMP", earnedDate: "2022-03-15" } });
    expect(((await unknown.json()) as { error: { fields: Json } }).error.fields).toHaveProperty("credentialCode");
    const future = await call(certifications.POST, { method: "POST", token: alice.token, body: { credentialCode: "CSCP", earnedDate: "2199-01-01" } });
    expect(future.status).toBe(422);

    const list = (await (await call(certifications.GET, { token: alice.token })).json()) as { data: Json[] };
    expect(list.data.map((c) => c.credentialCode)).toEqual(["CPIM"]);
    const bobs = (await (await call(certifications.GET, { token: bob.token })).json()) as { data: Json[] };
    expect(bobs.data).toEqual([]);
  });

  it("creates, reads, lists, patches with versions and deletes an activity", async () => {
    const created = await call(activities.POST, { method: "POST", token: alice.token, body: training({ userId: bob.id }) });
    expect(created.status).toBe(201);
    const a = (await created.json()) as Json & { id: string; score: Json };
    expect(a).toMatchObject({ typeId: "attend_training", quantity: 6, version: 1, evidenceCount: 0 });
    expect(a.score).toMatchObject({ points: 6 });
    expect(a).not.toHaveProperty("userId");

    const got = await call(activity.GET, { token: alice.token, id: a.id });
    expect(((await got.json()) as Json).title).toBe("APICS chapter workshop");

    const page = (await (await call(activities.GET, { token: alice.token, path: "/api/v1/activities?q=chapter&from=2024-01-01" })).json()) as Json;
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    const none = (await (await call(activities.GET, { token: alice.token, path: "/api/v1/activities?to=2023-12-31" })).json()) as Json;
    expect(none).toMatchObject({ total: 0 });

    const patched = await call(activity.PATCH, { method: "PATCH", token: alice.token, id: a.id, body: { version: 1, quantity: 7.5 } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ quantity: 7.5, version: 2, title: "APICS chapter workshop", score: { points: 7.5 } });

    const stale = await call(activity.PATCH, { method: "PATCH", token: alice.token, id: a.id, body: { version: 1, title: "Lost update" } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "version_conflict", currentVersion: 2 } });

    const bad = await call(activity.PATCH, { method: "PATCH", token: alice.token, id: a.id, body: { version: 2, quantity: -1 } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Json } }).error.fields).toHaveProperty("quantity");

    expect((await call(activity.DELETE, { method: "DELETE", token: alice.token, id: a.id })).status).toBe(204);
    expect((await call(activity.GET, { token: alice.token, id: a.id })).status).toBe(404);
    expect((await call(activity.DELETE, { method: "DELETE", token: alice.token, id: a.id })).status).toBe(404);
  });

  it("answers 404 for another holder's ids and changes nothing", async () => {
    const a = (await (await call(activities.POST, { method: "POST", token: alice.token, body: training({ title: "Alice only" }) })).json()) as { id: string };
    const certs = (await (await call(certifications.GET, { token: alice.token })).json()) as { data: { id: string }[] };
    const certId = certs.data[0]!.id;

    expect((await call(activity.GET, { token: bob.token, id: a.id })).status).toBe(404);
    expect((await call(activity.PATCH, { method: "PATCH", token: bob.token, id: a.id, body: { version: 1, title: "Bob was here" } })).status).toBe(404);
    expect((await call(activity.DELETE, { method: "DELETE", token: bob.token, id: a.id })).status).toBe(404);
    expect((await call(progress.GET, { token: bob.token, id: certId })).status).toBe(404);
    // Bob cannot exclude Alice's certification on his own activity either.
    const sneaky = await call(activities.POST, { method: "POST", token: bob.token, body: training({ excludedCertificationIds: [certId] }) });
    expect(sneaky.status).toBe(422);

    const after = (await (await call(activity.GET, { token: alice.token, id: a.id })).json()) as Json;
    expect(after).toMatchObject({ title: "Alice only", version: 1 });
    // A malformed id is a missing one, not a 500.
    expect((await call(activity.GET, { token: alice.token, id: "../../etc" })).status).toBe(404);
  });

  it("returns the ProgressReport of lib/rules for a certification", async () => {
    const certs = (await (await call(certifications.GET, { token: alice.token })).json()) as { data: { id: string }[] };
    const res = await call(progress.GET, { token: alice.token, id: certs.data[0]!.id, path: "/api/v1/x?asOf=2024-06-30" });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Json & { cycle: Json };
    expect(report).toMatchObject({ credentialCode: "CPIM", asOf: "2024-06-30", required: 75 });
    expect(report.cycle).toMatchObject({ dueDate: "2027-03-31" });
    expect(report.counted).toBe(6);
    const badAsOf = await call(progress.GET, { token: alice.token, id: certs.data[0]!.id, path: "/api/v1/x?asOf=2024-02-30" });
    expect(badAsOf.status).toBe(400);
  });

  it("refuses anonymous, unknown and revoked tokens with 401", async () => {
    expect((await call(activities.GET, {})).status).toBe(401);
    expect((await call(activities.GET, { token: "rct_" + "A".repeat(43) })).status).toBe(401);
    expect((await call(activities.GET, { token: "not-even-a-token" })).status).toBe(401);
    const t = generateToken();
    const row = await createApiToken(ctx.handle.db, alice.id, { name: "ci", tokenHash: t.tokenHash, prefix: t.prefix });
    expect((await call(activities.GET, { token: t.token })).status).toBe(200);
    expect(await revokeApiToken(ctx.handle.db, bob.id, row.id)).toBeNull();
    expect((await call(activities.GET, { token: t.token })).status).toBe(200);
    expect(await revokeApiToken(ctx.handle.db, alice.id, row.id)).toMatchObject({ name: "ci" });
    expect((await call(activities.GET, { token: t.token })).status).toBe(401);
  });

  it("exports the account as a download and writes the export to the audit log", async () => {
    const res = await call(accountExport.GET, { token: alice.token, path: "/api/account/export?format=json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="recert-account-\d{4}-\d{2}-\d{2}\.json"/);
    const doc = (await res.json()) as Json & { certifications: Json[] };
    expect(doc).toMatchObject({ format: "recert.account", version: 1 });
    expect(doc.certifications).toHaveLength(1);
    const zip = await call(accountExport.GET, { token: alice.token, path: "/api/account/export?format=zip" });
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(new Uint8Array(await zip.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const rows = await ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.userId, alice.id), eq(auditLog.action, "account.exported")));
    expect(rows.map((r) => r.detail.format).sort()).toEqual(["json", "zip"]);
    expect((await call(accountExport.GET, { token: alice.token, path: "/api/account/export?format=xml" })).status).toBe(400);
  });

  it("imports through the route into an empty account only, refusing a cross-site cookie upload", async () => {
    const exported = await (await call(accountExport.GET, { token: alice.token, path: "/api/account/export" })).json();
    const carol = await holder("carol");
    session.user = { id: carol.id, timezone: "UTC" } as never;
    try {
      const evil = await call(accountImport.POST, { method: "POST", body: exported, headers: { origin: "https://evil.example" } });
      expect(evil.status).toBe(403);
    } finally {
      session.user = null;
    }
    expect(((await (await call(certifications.GET, { token: carol.token })).json()) as { data: Json[] }).data).toEqual([]);
    const wrongType = await call(accountImport.POST, { method: "POST", token: carol.token, headers: { "content-type": "text/plain" } });
    expect(wrongType.status).toBe(415);
    const ok = await call(accountImport.POST, { method: "POST", token: carol.token, body: exported });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ imported: { certifications: 1 }, skippedEvidence: 0 });
    const again = await call(accountImport.POST, { method: "POST", token: carol.token, body: exported });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "not_empty" } });
  });

  it("refuses a cross-site cookie write but accepts a same-origin one", async () => {
    session.user = { id: alice.id, timezone: "UTC" } as never;
    try {
      const evil = await call(activities.POST, { method: "POST", body: training({ title: "CSRF" }), headers: { origin: "https://evil.example" } });
      expect(evil.status).toBe(403);
      const good = await call(activities.POST, { method: "POST", body: training({ title: "Same site" }), headers: { origin: BASE } });
      expect(good.status).toBe(201);
      const list = (await (await call(activities.GET, { path: "/api/v1/activities?q=CSRF" })).json()) as Json;
      expect(list.total).toBe(0);
    } finally {
      session.user = null;
    }
  });
});

describe("route handlers stay small", () => {
  it("each exported handler spans at most 25 lines", async () => {
    const fs = await import("node:fs");
    const files = [
      "v1/activities/route.ts",
      "v1/activities/[id]/route.ts",
      "v1/certifications/route.ts",
      "v1/certifications/[id]/progress/route.ts",
      "account/export/route.ts",
      "account/import/route.ts",
    ];
    for (const f of files) {
      const lines = fs.readFileSync(`app/api/${f}`, "utf8").split("\n");
      const starts = lines.flatMap((l, i) => (/^export const (GET|POST|PATCH|DELETE)/.test(l) ? [i] : []));
      for (const s of starts) {
        const end = lines.findIndex((l, i) => i > s && /^\);|^}\);|^\)\);/.test(l));
        expect(end === -1 ? 1 : end - s + 1, `${f}:${s + 1}`).toBeLessThanOrEqual(25);
      }
    }
  });
});
