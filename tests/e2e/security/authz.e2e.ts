/**
 * The authorization matrix (ASVS 8.2.1, 8.2.2, 8.3.1; reference R2): every page, route handler
 * method and server action of the build, found by itself, is called anonymously, as another
 * holder (with the owner's ids), and as the owner, each also with an `x-middleware-subrequest`
 * header (CVE-2025-29927) and, for pages, the RSC variants (`RSC: 1`, prefetch headers, `.rsc`
 * suffix, `?_rsc=`; CVE-2026-44575).
 *
 * Expected: anonymously a sign-in redirect or 401; another holder gets 404 (or the not-found page,
 * or a "not found" form message) and the owner's data is UNCHANGED (the owner's full account
 * export, tokens, calendar feed and session are compared before and after) and none of the
 * owner's strings appear in any answer; the owner succeeds.
 *
 * A route the tables below do not describe fails the test, with a message saying to add it.
 * This file runs its own server (same database kind as the run) so it knows the auth secret (to
 * make the owner's unsubscribe link) and its sign-in limits are its own.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { byKey, signUpHolder } from "../../support/holders";
import { HttpClient, type Reply } from "../../support/http";
import { type DbKind, type OwnApp, startOwnApp } from "../../support/own-app";
import { discoverActions, discoverPages, discoverRouteHandlers, fillPattern, missingFromTable } from "../../support/routes";
import { leaked, type Seeded, seedHolder, snapshot } from "../../support/scene";
import {
  ACTIONS,
  actionMessage,
  actionOutcome,
  CALL_HEADERS,
  classify,
  forged,
  getFollowingRsc,
  idOf,
  NOT_FOUND_WORDS,
  type Outcome,
  outcomeMatches,
  PAGE_VARIANTS,
  PAGES,
  ROUTES,
  type Scene,
  send,
} from "./matrix";

const KIND = inject("e2eDb") as DbKind;

// ---------------------------------------------------------------------------------------------

let own: OwnApp;
let scene: Scene;
const problems: string[] = [];
const tally = { pages: 0, routes: 0, actions: 0, calls: 0 };

/** Every call made as someone else: classify, check for the owner's strings, count. */
function check(label: string, r: Reply, allowed: Outcome[], markers: string[]): Outcome {
  tally.calls += 1;
  const outcome = classify(r);
  if (!allowed.includes(outcome)) problems.push(`${label}: got ${outcome} (HTTP ${r.status}), expected ${allowed.join(" or ")}`);
  const found = leaked(r, markers);
  if (found.length > 0) problems.push(`${label}: the answer contains the owner's ${found.join(", ")}`);
  return outcome;
}

describe("authorization matrix", () => {
  const pages = discoverPages();
  const routes = discoverRouteHandlers();
  const actions = discoverActions();

  beforeAll(async () => {
    own = await startOwnApp(KIND, "authz");
    const acts = byKey(actions);
    const owner = await seedHolder(own.app.baseUrl, acts, { tag: "QX7OWNER", secret: own.secret });
    const other = await seedHolder(own.app.baseUrl, acts, { tag: "ZB4OTHER", secret: own.secret });
    scene = { baseUrl: own.app.baseUrl, actions: acts, owner, other, anon: new HttpClient(own.app.baseUrl), secret: own.secret };
  }, 180_000);

  afterAll(async () => {
    await own?.cleanup();
  });

  it("every discovered page, route handler and server action is in the tables", () => {
    const missing = [
      ...missingFromTable("page", pages.map((p) => p.pattern), PAGES, "tests/e2e/security/authz.e2e.ts PAGES"),
      ...routes.flatMap((r) =>
        r.methods.filter((m) => !ROUTES[r.pattern]?.[m]).map((m) => `route ${m} ${r.pattern} is not in the table of tests/e2e/security/authz.e2e.ts ROUTES: add an entry that says how to call it.`),
      ),
      ...missingFromTable("server action", actions.map((a) => a.key), ACTIONS, "tests/e2e/security/authz.e2e.ts ACTIONS"),
    ];
    expect(missing).toEqual([]);
    // The tables name nothing that no longer exists (a stale entry would hide a renamed route).
    const stale = [
      ...Object.keys(PAGES).filter((p) => !pages.some((x) => x.pattern === p)),
      ...Object.keys(ROUTES).filter((p) => !routes.some((x) => x.pattern === p)),
      ...Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k)),
    ];
    expect(stale).toEqual([]);
    expect(pages.length).toBeGreaterThan(5);
    expect(actions.length).toBeGreaterThan(5);
  });

  it("pages: sign-in for anonymous callers, not found for another holder's ids, the owner's page for the owner", async () => {
    const { owner, other, anon } = scene;
    for (const page of pages) {
      const spec = PAGES[page.pattern];
      if (!spec) continue;
      tally.pages += 1;
      const ownerPath = fillPattern(page.pattern, spec.access === "public" ? {} : Object.fromEntries(Object.entries(spec.params ?? {}).map(([k, kind]) => [k, idOf(owner, kind)])));
      const before = await snapshot(owner);
      for (const v of PAGE_VARIANTS) {
        const label = (who: string) => `page ${page.pattern} [${v.name}] as ${who}`;
        const anonReply = await getFollowingRsc(anon, v.path(ownerPath), v.headers);
        if (spec.access === "holder") {
          check(label("anonymous"), anonReply, v.name === "plain" ? ["signin"] : ["signin", "notfound", "unauthorized", ...(v.prefetch ? (["ok"] as Outcome[]) : [])], owner.markers);
        } else if (spec.access === "secret-url") {
          // The genuine link works for whoever holds it (it is the credential); a forged one is a 404.
          const bad = await getFollowingRsc(anon, v.path(fillPattern(page.pattern, { token: forged(owner.ids.unsubscribe) })), v.headers);
          check(`${label("anonymous")} with a forged link`, bad, v.prefetch ? ["notfound", "ok"] : ["notfound"], owner.markers);
        } else {
          check(label("anonymous"), anonReply, ["ok", "notfound"], owner.markers);
        }
        const otherReply = await getFollowingRsc(other.client, v.path(ownerPath), v.headers);
        if (spec.access === "holder" && spec.params) check(label("another holder"), otherReply, v.name === "plain" ? ["notfound"] : ["notfound", "ok"], owner.markers);
        else if (spec.access === "holder") check(label("another holder"), otherReply, ["ok", "notfound"], owner.markers);
        else if (spec.access === "public") check(label("another holder"), otherReply, ["ok", "notfound"], owner.markers);
      }
      expect(await snapshot(owner), `the owner's data changed after visits to ${page.pattern}`).toBe(before);
      // The owner gets the page (and, for an id page, sees their own data in it).
      for (const headers of [{}, { rsc: "1" }] as Record<string, string>[]) {
        const mine = await getFollowingRsc(owner.client, ownerPath, headers);
        tally.calls += 1;
        // (A signed-in holder on /sign-in or /sign-up is sent to the dashboard: also "ok".)
        const outcome = classify(mine);
        if (outcome !== "ok") problems.push(`page ${page.pattern} ${JSON.stringify(headers)} as the owner: got ${outcome} (HTTP ${mine.status})`);
        if (spec.access === "holder" && spec.params && leaked(mine, owner.markers).length === 0) problems.push(`page ${page.pattern} as the owner shows none of the owner's data`);
      }
    }
    expect(problems.splice(0)).toEqual([]);
  });

  it("route handlers: 401 anonymously, 404 for another holder's ids (nothing changed), success for the owner", async () => {
    const s = scene;
    for (const route of routes) {
      for (const method of route.methods) {
        const spec = ROUTES[route.pattern]?.[method];
        if (!spec) continue;
        tally.routes += 1;
        const label = (who: string, h: Record<string, string>) => `${method} ${route.pattern}${Object.keys(h).length ? " [x-middleware-subrequest]" : ""} as ${who}`;
        const attack = spec.attack(s);
        const before = await snapshot(s.owner);
        for (const h of CALL_HEADERS) {
          const asAnon = await send(s.anon, attack, h);
          if (spec.access === "holder") check(label("anonymous", h), asAnon, ["unauthorized"], s.owner.markers);
          else if (spec.access === "secret-url") check(label("anonymous", h), asAnon, spec.other === "notfound" ? ["notfound"] : ["ok"], s.owner.markers);
          else check(label("anonymous", h), asAnon, ["ok", "signin", "client-error"], s.owner.markers);
          // Another holder, by session cookie (same-origin, as their browser would) and by API token
          // (routes that take only the cookie answer a token with 401).
          for (const [how, client, viaToken] of [
            ["another holder's session", s.other.client, false],
            ["another holder's API token", s.other.api, true],
          ] as const) {
            const r = await send(client, attack, h);
            const tokenRefused: Outcome[] = viaToken && spec.access === "holder" ? ["unauthorized"] : [];
            if (spec.other === "notfound") check(label(how, h), r, ["notfound", ...tokenRefused], s.owner.markers);
            else check(label(how, h), r, ["ok", "signin", "client-error", ...tokenRefused], s.owner.markers);
            if (spec.other === "own" && spec.otherStatus && !spec.otherStatus.includes(r.status) && !(tokenRefused.length && r.status === 401)) {
              problems.push(`${label(how, h)}: HTTP ${r.status}, expected ${spec.otherStatus.join("/")}`);
            }
          }
        }
        const after = await snapshot(s.owner);
        if (after !== before) problems.push(`${method} ${route.pattern}: the owner's data changed after anonymous and other-holder calls`);
        // The owner (session cookie; the API token too where the route takes one).
        const req = await spec.own(s);
        const mine = await send(req.as ?? s.owner.client, req);
        tally.calls += 1;
        if (!spec.ownerStatus.includes(mine.status)) problems.push(`${method} ${route.pattern} as the owner: HTTP ${mine.status}, expected ${spec.ownerStatus.join("/")}: ${mine.text.slice(0, 200)}`);
        const extra = spec.ownerCheck?.(mine);
        if (extra) problems.push(`${method} ${route.pattern} as the owner: ${extra}`);
      }
    }
    expect(problems.splice(0)).toEqual([]);
  });

  it("server actions: sign-in for anonymous callers, nothing changed by another holder, success for the owner", async () => {
    const s = scene;
    for (const action of actions) {
      const spec = ACTIONS[action.key];
      if (!spec) continue;
      tally.actions += 1;
      const page = (client: Seeded) => {
        const target = action.pages[0] ?? "/dashboard";
        return target.includes("[") ? fillPattern(target, { certificationId: client.ids.certification, id: client.ids.activity }) : target;
      };
      const fields = spec.attack(s);
      const before = await snapshot(s.owner);
      for (const h of CALL_HEADERS) {
        const label = (who: string) => `action ${action.key}${Object.keys(h).length ? " [x-middleware-subrequest]" : ""} as ${who}`;
        const asAnon = await s.anon.action(action, page(s.other), fields, h);
        if (spec.access === "holder") check(label("anonymous"), asAnon, ["signin"], s.owner.markers);
        else check(label("anonymous"), asAnon, ["ok"], s.owner.markers);
        // Another holder (a throwaway one when the action would end their own session).
        const otherClient = spec.otherFields ? (await signUpHolder(s.baseUrl, s.actions, { name: "Throwaway" })).client : s.other.client;
        const r = await otherClient.action(action, page(s.other), spec.otherFields ? spec.otherFields(s) : fields, h);
        check(label("another holder"), r, spec.otherFields ? ["ok", "signin"] : ["ok"], s.owner.markers);
        if (spec.other === "notfound") {
          const outcome = actionOutcome(r);
          const refused = (outcome === "error" && NOT_FOUND_WORDS.test(actionMessage(r))) || outcome === "redirect:/summary";
          if (!refused) problems.push(`${label("another holder")}: expected a "not found" answer, got ${outcome} ${actionMessage(r)}`);
        }
      }
      const after = await snapshot(s.owner);
      if (after !== before) problems.push(`action ${action.key}: the owner's data changed after anonymous and other-holder calls`);
      const call = await spec.own(s);
      const mine = await call.client.action(action, call.page ?? page(s.owner), call.fields);
      tally.calls += 1;
      const outcome = actionOutcome(mine);
      if (classify(mine) === "server-error" || !outcomeMatches(outcome, spec.ownerOutcome)) {
        problems.push(`action ${action.key} as the owner: got ${outcome} (HTTP ${mine.status}) ${actionMessage(mine)}, expected ${spec.ownerOutcome.join(" or ")}`);
      }
    }
    expect(problems.splice(0)).toEqual([]);
    console.log(
      `[authz] routes covered: ${tally.pages + tally.routes + tally.actions} (${tally.pages} pages, ${tally.routes} route handler methods, ${tally.actions} server actions); ${tally.calls} calls checked`,
    );
  });
});
