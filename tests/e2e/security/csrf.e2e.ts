/**
 * Cross-site requests (ASVS 3.5.1, 3.5.3; reference R8): every mutating route handler method and
 * every server action, sent with the victim's cookies from another site (Origin:
 * https://evil.example, Origin: null, no Origin at all; actions also as a plain HTML form post
 * and API routes also as a text/plain "simple" request) is refused and changes nothing: the
 * owner's full snapshot is the same, the victim is still signed in, and a sign-in or sign-up
 * from another site sets no session. GETs change nothing either.
 *
 * The call each attack replays is the OWNER'S OWN successful call from the matrix (matrix.ts),
 * so every refused request is one that would have changed something.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { byKey } from "../../support/holders";
import { actionBody, HttpClient, type Reply } from "../../support/http";
import { type DbKind, type OwnApp, startOwnApp } from "../../support/own-app";
import { discoverActions, discoverPages, discoverRouteHandlers, fillPattern } from "../../support/routes";
import { seedHolder, snapshot } from "../../support/scene";
import { ACTIONS, idOf, PAGES, ROUTES, type Scene } from "./matrix";

const KIND = inject("e2eDb") as DbKind;
const EVIL = "https://evil.example";

/** Who the client is signed in as (null: nobody), from Auth.js's session endpoint. */
async function whoIs(client: HttpClient): Promise<string | null> {
  const r = await client.get("/api/auth/session");
  try {
    const s = JSON.parse(r.text) as { uid?: string } | null;
    return s?.uid ?? null;
  } catch {
    return null;
  }
}

describe("cross-site requests change nothing", () => {
  let own: OwnApp;
  let s: Scene;
  const actions = discoverActions();
  const routes = discoverRouteHandlers();

  beforeAll(async () => {
    own = await startOwnApp(KIND, "csrf");
    const acts = byKey(actions);
    const owner = await seedHolder(own.app.baseUrl, acts, { tag: "CSRFOWNER", secret: own.secret });
    const other = await seedHolder(own.app.baseUrl, acts, { tag: "CSRFOTHER", secret: own.secret });
    s = { baseUrl: own.app.baseUrl, actions: acts, owner, other, anon: new HttpClient(own.app.baseUrl), secret: own.secret };
  }, 180_000);

  afterAll(async () => {
    await own?.cleanup();
  });

  it("every server action from another site (fetch or form post, with a foreign, null or no Origin) is refused", async () => {
    const problems: string[] = [];
    let attempts = 0;
    for (const action of actions) {
      const spec = ACTIONS[action.key];
      if (!spec) {
        problems.push(`server action ${action.key} is not in tests/e2e/security/matrix.ts ACTIONS: add it`);
        continue;
      }
      const call = await spec.own(s);
      const page = call.page ?? fillPattern(action.pages[0] ?? "/dashboard", { certificationId: s.owner.ids.certification, id: s.owner.ids.activity });
      const victim = call.client;
      const victimBefore = await whoIs(victim);
      const ownerBefore = await snapshot(s.owner);
      const fetchBody = () => actionBody(action, call.fields);
      const formBody = () => {
        // What a hostile page's <form method="post" enctype="multipart/form-data"> would send.
        const f = new FormData();
        f.append(`$ACTION_ID_${action.id}`, "");
        for (const [k, v] of Object.entries(call.fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
        return f;
      };
      const attacks: [string, Record<string, string>, () => FormData][] = [
        ["fetch, foreign Origin", { "next-action": action.id, origin: EVIL, "sec-fetch-site": "cross-site" }, fetchBody],
        ["fetch, Origin null", { "next-action": action.id, origin: "null" }, fetchBody],
        ["fetch, no Origin", { "next-action": action.id, origin: "" }, fetchBody],
        ["form post, foreign Origin", { origin: EVIL, "sec-fetch-site": "cross-site" }, formBody],
        ["form post, no Origin", { origin: "" }, formBody],
      ];
      for (const [name, headers, make] of attacks) {
        attempts += 1;
        const attacker = victim.clone({});
        const r: Reply = await attacker.request(page, { method: "POST", headers, body: make() });
        if (r.status !== 403) problems.push(`${action.key} [${name}]: HTTP ${r.status}, expected 403`);
        if ([...attacker.cookies.keys()].some((k) => k.includes("session-token") && !victim.cookies.has(k))) problems.push(`${action.key} [${name}]: a session cookie was set`);
      }
      if ((await whoIs(victim)) !== victimBefore) problems.push(`${action.key}: the victim's session changed`);
      if ((await snapshot(s.owner)) !== ownerBefore) problems.push(`${action.key}: the owner's data changed`);
    }
    console.log(`[csrf] ${attempts} cross-site server action requests over ${actions.length} actions: all refused`);
    expect(problems).toEqual([]);
  });

  it("every mutating route handler from another site (foreign, null or no Origin; text/plain JSON) is refused", async () => {
    const problems: string[] = [];
    let attempts = 0;
    let covered = 0;
    for (const route of routes) {
      for (const method of route.methods.filter((m) => !["GET", "HEAD", "OPTIONS"].includes(m))) {
        const spec = ROUTES[route.pattern]?.[method];
        if (!spec) {
          problems.push(`${method} ${route.pattern} is not in tests/e2e/security/matrix.ts ROUTES: add it`);
          continue;
        }
        covered += 1;
        if (spec.access === "secret-url") {
          // One-click unsubscribe (RFC 8058): mail clients POST without an Origin and without cookies;
          // the signed link is the credential (a forged one is a 404 in authz.e2e.ts).
          continue;
        }
        const ownCall = await spec.own(s);
        const victim = ownCall.as ?? s.owner.client;
        const req = spec.csrfReplaysAttack ? spec.attack(s) : ownCall;
        const victimBefore = await whoIs(victim);
        const ownerBefore = await snapshot(s.owner);
        const bodyText = req.json !== undefined ? JSON.stringify(req.json) : undefined;
        const attacks: [string, Record<string, string>, BodyInit | undefined][] = [
          ["foreign Origin", { origin: EVIL, "sec-fetch-site": "cross-site", ...(bodyText ? { "content-type": "application/json" } : (req.headers ?? {})) }, bodyText ?? req.body],
          ["Origin null", { origin: "null", ...(bodyText ? { "content-type": "application/json" } : (req.headers ?? {})) }, bodyText ?? req.body],
          ["no Origin", { origin: "", ...(bodyText ? { "content-type": "application/json" } : (req.headers ?? {})) }, bodyText ?? req.body],
        ];
        // A cross-site <form enctype="text/plain"> can carry a JSON body without a preflight.
        if (bodyText) attacks.push(["text/plain JSON, foreign Origin", { origin: EVIL, "content-type": "text/plain" }, bodyText]);
        for (const [name, headers, payload] of attacks) {
          attempts += 1;
          const r = await victim.clone({}).request(req.path, { method, headers, body: payload });
          const refused = route.pattern === "/api/auth/[...nextauth]" ? r.status === 302 && /error/i.test(r.headers.get("location") ?? "") : [401, 403, 415].includes(r.status);
          if (!refused) problems.push(`${method} ${route.pattern} [${name}]: HTTP ${r.status} ${r.headers.get("location") ?? ""}, expected a refusal`);
        }
        if ((await whoIs(victim)) !== victimBefore) problems.push(`${method} ${route.pattern}: the victim's session changed`);
        if ((await snapshot(s.owner)) !== ownerBefore) problems.push(`${method} ${route.pattern}: the owner's data changed`);
      }
    }
    console.log(`[csrf] ${attempts} cross-site requests over ${covered} mutating route handler methods: all refused`);
    expect(problems).toEqual([]);
    expect(covered).toBeGreaterThan(3);
  });

  it("GET never changes anything: every page and GET route, as the owner", async () => {
    const before = await snapshot(s.owner);
    let n = 0;
    for (const page of discoverPages()) {
      const spec = PAGES[page.pattern];
      const params = spec && spec.access !== "public" ? Object.fromEntries(Object.entries(spec.params ?? {}).map(([k, kind]) => [k, idOf(s.owner, kind)])) : {};
      // Includes the owner's unsubscribe link: opening it must not unsubscribe (its button does).
      await s.owner.client.get(fillPattern(page.pattern, params));
      n += 1;
    }
    for (const route of routes.filter((r) => r.methods.includes("GET"))) {
      const spec = ROUTES[route.pattern]?.GET;
      if (!spec) continue;
      const req = await spec.own(s);
      await (req.as ?? s.owner.client).request(req.path, { method: "GET" });
      n += 1;
    }
    // The snapshot holds the profile's reminder setting: opening the unsubscribe link changed nothing.
    expect(await snapshot(s.owner)).toBe(before);
    expect(before).toContain('"reminderPrefs":{"email":true}');
    console.log(`[csrf] ${n} GETs changed nothing`);
  });
});
