/**
 * How to call every page, route handler and server action of Recert, as the authorization matrix
 * (authz.e2e.ts) and the cross-site request test (csrf.e2e.ts) walk them: who may call it, which
 * of the owner's ids an attacker would send, what the owner's own successful call is, and what
 * success looks like. A route added to app/ without an entry here fails those tests.
 */
import { type Actions, actionResult, body, newHolder, signInHolder, signUpHolder, TINY_PDF, training, uploadEvidence } from "../../support/holders";
import { type ActionFields, actionRedirect, HttpClient, type Reply } from "../../support/http";
import { certifications, createActivity, dueDateOf, freshToken, type Seeded, today } from "../../support/scene";

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export type Outcome = "signin" | "unauthorized" | "forbidden" | "notfound" | "ok" | "client-error" | "server-error";

export function classify(r: Reply): Outcome {
  if (r.status >= 500) return "server-error";
  const location = actionRedirect(r);
  if (location && new URL(location, "http://x").pathname === "/sign-in") return "signin";
  if (/NEXT_REDIRECT;[a-z]+;\/sign-in[;?]/.test(r.text)) return "signin";
  if (r.status === 401) return "unauthorized";
  if (r.status === 403) return "forbidden";
  if (r.status === 404 || r.text.includes("NEXT_HTTP_ERROR_FALLBACK;404")) return "notfound";
  if (r.status >= 400) return "client-error";
  return "ok";
}

/** What a form action answered: its state's status, or "redirect:<path>". */
export function actionOutcome(r: Reply): string {
  const location = actionRedirect(r);
  if (location) return `redirect:${new URL(location, "http://x").pathname}`;
  const result = actionResult(r);
  if (result && typeof result === "object" && "status" in result) return String((result as { status: unknown }).status);
  return result === undefined || result === null || result === "$undefined" ? "void" : "value";
}

export function actionMessage(r: Reply): string {
  const result = actionResult(r);
  return result && typeof result === "object" && "message" in result ? String((result as { message: unknown }).message) : "";
}

// ---------------------------------------------------------------------------------------------
// The scene: an owner with one of everything, another holder, and helpers for fresh objects
// ---------------------------------------------------------------------------------------------

export type Scene = {
  baseUrl: string;
  /** The fresh holder the owner's account import goes into. */
  importer?: HttpClient;
  actions: Actions;
  owner: Seeded;
  other: Seeded;
  anon: HttpClient;
  secret: string;
};

/** Routes and actions: without and with the header (pages try all three spellings below). */
export const CALL_HEADERS: Record<string, string>[] = [{}, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }];

export const ATTACK_HEADERS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
];


// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

export type IdKind = "activity" | "certification" | "unsubscribe";
export type PageSpec =
  | { access: "holder"; params?: Record<string, IdKind> }
  | { access: "public" }
  /** The URL carries a secret (the link in a reminder e-mail): it is the credential. */
  | { access: "secret-url"; params: Record<string, IdKind> };

export const PAGES: Record<string, PageSpec> = {
  "/": { access: "public" },
  "/sign-in": { access: "public" },
  "/sign-up": { access: "public" },
  "/dashboard": { access: "holder" },
  "/activities": { access: "holder" },
  "/activities/new": { access: "holder" },
  "/activities/import": { access: "holder" },
  "/activities/[id]": { access: "holder", params: { id: "activity" } },
  "/certifications": { access: "holder" },
  "/settings": { access: "holder" },
  "/summary": { access: "holder" },
  "/summary/[certificationId]": { access: "holder", params: { certificationId: "certification" } },
  "/unsubscribe/[token]": { access: "secret-url", params: { token: "unsubscribe" } },
};

export function idOf(s: Seeded, kind: IdKind): string {
  return kind === "activity" ? s.ids.activity : kind === "certification" ? s.ids.certification : s.ids.unsubscribe;
}

/** The page variants an attacker may try: plain, RSC fetches (followed to their `_rsc` URL), `.rsc` suffix. */
export const PAGE_VARIANTS: { name: string; path: (p: string) => string; headers: Record<string, string>; prefetch?: true }[] = [
  ...ATTACK_HEADERS.map((h) => {
    const value = h["x-middleware-subrequest"];
    return { name: value ? `x-middleware-subrequest ${value.split(":")[0] ?? ""}` : "plain", path: (p: string) => p, headers: h };
  }),
  { name: "RSC: 1", path: (p) => p, headers: { rsc: "1" } },
  // A prefetch answers with the static shell only (200): it must carry none of the owner's data.
  { name: "RSC prefetch", path: (p) => p, headers: { rsc: "1", "next-router-prefetch": "1" }, prefetch: true },
  { name: "RSC segment prefetch", path: (p) => p, headers: { rsc: "1", "next-router-segment-prefetch": "/_tree" }, prefetch: true },
  { name: "RSC + x-middleware-subrequest", path: (p) => p, headers: { rsc: "1", "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
  { name: ".rsc suffix", path: (p) => `${p === "/" ? "/index" : p}.rsc`, headers: {} },
  { name: "?_rsc=", path: (p) => `${p}?_rsc=zzzzz`, headers: { rsc: "1" } },
];

export async function getFollowingRsc(client: HttpClient, path: string, headers: Record<string, string>): Promise<Reply> {
  let r = await client.get(path, headers);
  // Next answers an RSC request without the right cache-busting `_rsc` value with a 307 to it.
  for (let i = 0; i < 2 && r.status === 307; i++) {
    const loc = r.headers.get("location");
    if (!loc || !loc.includes("_rsc")) break;
    r = await client.get(loc, headers);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Route handlers
// ---------------------------------------------------------------------------------------------

export type Req = { path: string; method?: string; headers?: Record<string, string>; body?: BodyInit; json?: unknown; as?: HttpClient };

export type RouteSpec = {
  access: "holder" | "public" | "secret-url";
  /** Anonymous and other-holder call (targets the owner's objects). */
  attack: (s: Scene) => Req;
  /** The owner's call (may create a fresh object of the owner first). */
  own: (s: Scene) => Promise<Req> | Req;
  ownerStatus: number[];
  /** More to check in the owner's answer: a problem, or null. */
  ownerCheck?: (r: Reply) => string | null;
  /** What another holder gets: 404 for the owner's id, or an answer about their own data. */
  other: "notfound" | "own";
  /** For "own": statuses another holder may get. */
  otherStatus?: number[];
  /** The owner's call carries an anti-CSRF secret an attacker cannot know: csrf.e2e.ts replays `attack` with the victim's cookies instead. */
  csrfReplaysAttack?: true;
};

export function send(client: HttpClient, req: Req, extra: Record<string, string> = {}): Promise<Reply> {
  const method = req.method ?? "GET";
  const headers = { ...(method === "GET" ? {} : { origin: client.origin }), ...(req.headers ?? {}), ...extra };
  if (req.json !== undefined) {
    return client.request(req.path, { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(req.json) });
  }
  return client.request(req.path, { method, headers, body: req.body });
}

export const ROUTES: Record<string, Record<string, RouteSpec>> = {
  "/api/account/export": {
    GET: { access: "holder", attack: () => ({ path: "/api/account/export" }), own: () => ({ path: "/api/account/export?format=zip" }), ownerStatus: [200], other: "own", otherStatus: [200] },
  },
  "/api/account/import": {
    POST: {
      access: "holder",
      attack: () => ({ path: "/api/account/import", method: "POST", json: { format: "recert.account", version: 1 } }),
      // Imports only into an empty account: a fresh holder takes the owner's export.
      own: async (s) => {
        const exported = body<Record<string, unknown>>(await s.owner.api.get("/api/account/export"));
        const fresh = await newHolder(s.baseUrl, s.actions, { name: "Import target" });
        return { path: "/api/account/import", method: "POST", json: exported, as: fresh.client };
      },
      ownerStatus: [200],
      other: "own",
      otherStatus: [409, 422],
    },
  },
  "/api/activities/export.csv": {
    GET: { access: "holder", attack: () => ({ path: "/api/activities/export.csv" }), own: () => ({ path: "/api/activities/export.csv" }), ownerStatus: [200], other: "own", otherStatus: [200] },
  },
  "/api/activities/template.csv": {
    GET: { access: "holder", attack: () => ({ path: "/api/activities/template.csv" }), own: () => ({ path: "/api/activities/template.csv" }), ownerStatus: [200], other: "own", otherStatus: [200] },
  },
  "/api/auth/[...nextauth]": {
    // Auth.js's own endpoints: public by design (the session endpoint answers for the caller only).
    GET: { access: "public", attack: () => ({ path: "/api/auth/session" }), own: () => ({ path: "/api/auth/session" }), ownerStatus: [200], other: "own", otherStatus: [200] },
    POST: {
      access: "public",
      // Without Auth.js's CSRF token a sign-out is refused (a redirect to the error page).
      attack: () => ({ path: "/api/auth/signout", method: "POST", body: new URLSearchParams({ callbackUrl: "/" }), headers: { "content-type": "application/x-www-form-urlencoded" } }),
      // The owner's own sign-out with Auth.js's CSRF token, in another session of the owner (a sign-out
      // revokes its session on the server, so a copy of the owner's cookie would sign the owner out too).
      own: async (s) => {
        const copy = await signInHolder(s.baseUrl, s.actions, s.owner.email, s.owner.password);
        const { csrfToken } = body<{ csrfToken: string }>(await copy.get("/api/auth/csrf"));
        return {
          path: "/api/auth/signout",
          method: "POST",
          body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          as: copy,
        };
      },
      ownerStatus: [302],
      ownerCheck: (r) => (/error/i.test(r.headers.get("location") ?? "") ? `sign-out refused: ${r.headers.get("location")}` : null),
      csrfReplaysAttack: true,
      other: "own",
      otherStatus: [302],
    },
  },
  "/api/calendar/[token]": {
    GET: {
      access: "secret-url",
      attack: () => ({ path: "/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics" }),
      own: (s) => ({ path: `/api/calendar/${s.owner.ids.calendarFeed}` }),
      ownerStatus: [200],
      other: "notfound",
    },
  },
  "/api/evidence": {
    POST: {
      access: "holder",
      attack: (s) => evidenceUpload(s.owner.ids.activity),
      own: (s) => evidenceUpload(s.owner.ids.activity),
      ownerStatus: [201],
      other: "notfound",
    },
  },
  "/api/evidence/[id]": {
    GET: { access: "holder", attack: (s) => ({ path: `/api/evidence/${s.owner.ids.evidence}` }), own: (s) => ({ path: `/api/evidence/${s.owner.ids.evidence}` }), ownerStatus: [200], other: "notfound" },
    DELETE: {
      access: "holder",
      attack: (s) => ({ path: `/api/evidence/${s.owner.ids.evidence}`, method: "DELETE" }),
      own: async (s) => {
        const a = await createActivity(s.owner.api, { title: "Evidence to delete" });
        const up = body<{ evidence: { id: string } }>(await uploadEvidence(s.owner.client, a.id, new Blob([TINY_PDF]), "delete-me.pdf"), 201);
        return { path: `/api/evidence/${up.evidence.id}`, method: "DELETE" };
      },
      ownerStatus: [204],
      other: "notfound",
    },
  },
  "/api/health": {
    GET: { access: "public", attack: () => ({ path: "/api/health" }), own: () => ({ path: "/api/health" }), ownerStatus: [200], other: "own", otherStatus: [200] },
  },
  "/api/summary/[certificationId]/csv": summaryRoute("csv"),
  "/api/summary/[certificationId]/pdf": summaryRoute("pdf"),
  "/api/summary/[certificationId]/zip": summaryRoute("zip"),
  "/api/unsubscribe/[token]": {
    GET: {
      access: "secret-url",
      attack: (s) => ({ path: `/api/unsubscribe/${s.owner.ids.unsubscribe}` }),
      own: (s) => ({ path: `/api/unsubscribe/${s.owner.ids.unsubscribe}` }),
      // Only a redirect to the confirmation page: GET changes nothing (link scanners).
      ownerStatus: [303],
      other: "own",
      otherStatus: [303],
    },
    POST: {
      access: "secret-url",
      attack: (s) => ({ path: `/api/unsubscribe/${forged(s.owner.ids.unsubscribe)}`, method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      own: async (s) => {
        // A fresh holder's genuine link (the owner's reminder setting stays as it is).
        const fresh = await seedlessHolder(s);
        return { path: `/api/unsubscribe/${fresh}`, method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } };
      },
      ownerStatus: [200],
      other: "notfound",
    },
  },
  "/api/v1/activities": {
    GET: { access: "holder", attack: () => ({ path: "/api/v1/activities" }), own: () => ({ path: "/api/v1/activities" }), ownerStatus: [200], other: "own", otherStatus: [200] },
    POST: {
      access: "holder",
      attack: () => ({ path: "/api/v1/activities", method: "POST", json: training({ title: "Planted by someone else" }) }),
      own: () => ({ path: "/api/v1/activities", method: "POST", json: training({ title: "Owner's own new activity" }) }),
      ownerStatus: [201],
      other: "own",
      otherStatus: [201],
    },
  },
  "/api/v1/activities/[id]": {
    GET: { access: "holder", attack: (s) => ({ path: `/api/v1/activities/${s.owner.ids.activity}` }), own: (s) => ({ path: `/api/v1/activities/${s.owner.ids.activity}` }), ownerStatus: [200], other: "notfound" },
    PATCH: {
      access: "holder",
      attack: (s) => ({ path: `/api/v1/activities/${s.owner.ids.activity}`, method: "PATCH", json: { version: s.owner.ids.activityVersion, title: "Changed by someone else" } }),
      own: async (s) => {
        const a = await createActivity(s.owner.api, { title: "To be renamed" });
        return { path: `/api/v1/activities/${a.id}`, method: "PATCH", json: { version: a.version, title: "Renamed by its owner" } };
      },
      ownerStatus: [200],
      other: "notfound",
    },
    DELETE: {
      access: "holder",
      attack: (s) => ({ path: `/api/v1/activities/${s.owner.ids.activity}`, method: "DELETE" }),
      own: async (s) => ({ path: `/api/v1/activities/${(await createActivity(s.owner.api, { title: "To be deleted" })).id}`, method: "DELETE" }),
      ownerStatus: [204],
      other: "notfound",
    },
  },
  "/api/v1/certifications": {
    GET: { access: "holder", attack: () => ({ path: "/api/v1/certifications" }), own: () => ({ path: "/api/v1/certifications" }), ownerStatus: [200], other: "own", otherStatus: [200] },
    POST: {
      access: "holder",
      attack: () => ({ path: "/api/v1/certifications", method: "POST", json: { credentialCode: "CLTD", earnedDate: "2023-01-05" } }),
      own: () => ({ path: "/api/v1/certifications", method: "POST", json: { credentialCode: "CTSC", earnedDate: "2023-01-05" } }),
      ownerStatus: [201],
      other: "own",
      otherStatus: [201, 409],
    },
  },
  "/api/v1/certifications/[id]/progress": {
    GET: {
      access: "holder",
      attack: (s) => ({ path: `/api/v1/certifications/${s.owner.ids.certification}/progress` }),
      own: (s) => ({ path: `/api/v1/certifications/${s.owner.ids.certification}/progress` }),
      ownerStatus: [200],
      other: "notfound",
    },
  },
};

export function summaryRoute(format: string): Record<string, RouteSpec> {
  return {
    GET: {
      access: "holder",
      attack: (s) => ({ path: `/api/summary/${s.owner.ids.certification}/${format}` }),
      own: (s) => ({ path: `/api/summary/${s.owner.ids.certification}/${format}` }),
      ownerStatus: [200],
      other: "notfound",
    },
  };
}

export function evidenceUpload(activityId: string): Req {
  const form = new FormData();
  form.append("file", new Blob([TINY_PDF], { type: "application/pdf" }), "planted.pdf");
  return { path: `/api/evidence?activityId=${activityId}`, method: "POST", body: form };
}

/** The owner's unsubscribe token with its signature changed: what a guesser would send. */
export function forged(token: string): string {
  const [id, sig = ""] = token.split(".");
  return `${id}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
}

export async function seedlessHolder(s: Scene): Promise<string> {
  const { client } = await signUpHolder(s.baseUrl, s.actions, { name: "Unsubscriber" });
  const session = body<{ uid: string }>(await client.get("/api/auth/session"));
  const { unsubscribeToken } = await import("@/lib/reminders/token");
  return unsubscribeToken(session.uid, s.secret);
}

// ---------------------------------------------------------------------------------------------
// Server actions
// ---------------------------------------------------------------------------------------------

export type OwnCall = { client: HttpClient; fields: ActionFields; page?: string };
export type ActionSpec = {
  access: "holder" | "public";
  /** Fields for the anonymous and other-holder calls (the owner's ids where the action takes ids). */
  attack: (s: Scene) => ActionFields;
  /** The owner's call (a fresh holder for actions that end the session or the account). */
  own: (s: Scene) => Promise<OwnCall> | OwnCall;
  /** The owner's answer: a state status ("success", "created" …) or "redirect:<path>" or "void". */
  ownerOutcome: string[];
  other: "notfound" | "own";
  /** Another holder calling with harmless input (the action would end their own session or account). */
  otherFields?: (s: Scene) => ActionFields;
};

/** Settings → Sessions: the ids of the sessions listed with a "Sign out" button (not this browser), most recently seen first. */
export function otherSessionIds(html: string): string[] {
  return [...html.matchAll(/name="id" value="([0-9a-f-]{36})"\/?>(?:(?!<\/form>)[\s\S])*?aria-label="Sign out /g)].map((m) => m[1]!);
}

export const NOT_FOUND_WORDS = /not found|no longer exists|does not exist/i;

export const ACTIONS: Record<string, ActionSpec> = {
  "app/(auth)/actions.ts#signInAction": {
    access: "public",
    attack: () => ({ email: "", password: "" }),
    own: (s) => ({ client: new HttpClient(s.baseUrl), fields: { email: s.owner.email, password: s.owner.password }, page: "/sign-in" }),
    ownerOutcome: ["redirect:/dashboard"],
    other: "own",
  },
  "app/(auth)/actions.ts#signUpAction": {
    access: "public",
    attack: () => ({ name: "", email: "not-an-email", password: "", confirmPassword: "" }),
    own: (s) => ({
      client: new HttpClient(s.baseUrl),
      fields: { name: "New Holder", email: `new-${Date.now()}@example.com`, password: "correct horse battery staple", confirmPassword: "correct horse battery staple", timezone: "UTC" },
      page: "/sign-up",
    }),
    ownerOutcome: ["redirect:/dashboard"],
    other: "own",
  },
  "app/(auth)/actions.ts#signOutAction": {
    access: "public",
    attack: () => ({}),
    // Another session of the owner: signing out revokes the session, so the owner's own cookie must not be the one.
    own: async (s) => ({ client: await signInHolder(s.baseUrl, s.actions, s.owner.email, s.owner.password), fields: {} }),
    ownerOutcome: ["redirect:/"],
    other: "own",
    // Another holder signing out ends their own session; a throwaway holder plays it.
    otherFields: () => ({}),
  },
  "app/_components/banner-actions.ts#dismissBannerAction": {
    access: "holder",
    attack: (s) => ({ key: s.owner.ids.bannerKey }),
    own: (s) => ({ client: s.owner.client, fields: { key: s.owner.ids.bannerKey } }),
    ownerOutcome: ["void"],
    other: "own",
  },
  "app/(app)/activities/actions.ts#saveActivityAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.activity, version: String(s.owner.ids.activityVersion), ...strings(training({ title: "Overwritten by someone else" })), saveAnyway: "1" }),
    own: (s) => ({ client: s.owner.client, fields: { ...strings(training({ title: "Made with the form" })), saveAnyway: "1" }, page: "/activities/new" }),
    ownerOutcome: ["redirect:/activities/*"],
    other: "notfound",
  },
  "app/(app)/activities/actions.ts#previewActivityAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.activity, ...strings(training()) }),
    own: (s) => ({ client: s.owner.client, fields: { id: s.owner.ids.activity, ...strings(training()) }, page: "/activities/new" }),
    ownerOutcome: ["value"],
    other: "own",
  },
  "app/(app)/activities/actions.ts#deleteActivityAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.activity }),
    own: async (s) => ({ client: s.owner.client, fields: { id: (await createActivity(s.owner.api, { title: "Delete me" })).id }, page: "/activities" }),
    ownerOutcome: ["redirect:/activities"],
    other: "notfound",
  },
  "app/(app)/activities/actions.ts#restoreActivityAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.deletedActivity }),
    own: async (s) => {
      const a = await createActivity(s.owner.api, { title: "Restore me" });
      body(await s.owner.api.request(`/api/v1/activities/${a.id}`, { method: "DELETE" }), 204);
      return { client: s.owner.client, fields: { id: a.id }, page: "/activities" };
    },
    ownerOutcome: ["redirect:/activities"],
    other: "notfound",
  },
  "app/(app)/activities/import/actions.ts#importCsvBatchAction": {
    access: "holder",
    attack: () => ({ payload: JSON.stringify({ rows: [{ line: 2, occurrence: 0, cells: { type: "attend_training", title: "Planted by import", start_date: "2024-01-05", quantity: "2" } }] }) }),
    own: (s) => ({
      client: s.owner.client,
      fields: { payload: JSON.stringify({ rows: [{ line: 2, occurrence: 0, cells: { type: "attend_training", title: "Imported by its owner", start_date: "2024-01-05", quantity: "2" } }] }) },
    }),
    ownerOutcome: ["imported"],
    other: "own",
  },
  "app/(app)/certifications/actions.ts#addCertificationAction": {
    access: "holder",
    attack: () => ({ packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-02-01" }),
    own: (s) => ({ client: s.owner.client, fields: { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-02-01" } }),
    ownerOutcome: ["success"],
    other: "own",
  },
  "app/(app)/certifications/actions.ts#updateCertificationAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.certification, earnedDate: "2020-01-01", holderId: "STOLEN" }),
    own: (s) => ({ client: s.owner.client, fields: { id: s.owner.ids.certification, earnedDate: "2022-03-10", holderId: s.owner.markers.find((m) => m.startsWith("HID-")) ?? "" } }),
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/certifications/actions.ts#deleteCertificationAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.certification }),
    own: async (s) => ({ client: s.owner.client, fields: { id: await freshCertification(s.owner, "CLTD") } }),
    ownerOutcome: ["success", "redirect:/certifications"],
    other: "notfound",
  },
  "app/(app)/certifications/actions.ts#saveRenewalAction": {
    access: "holder",
    attack: (s) => ({ certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate, submittedDate: today(), approvedDate: today() }),
    own: (s) => ({ client: s.owner.client, fields: { certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate, submittedDate: today() } }),
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/certifications/actions.ts#deleteRenewalAction": {
    access: "holder",
    attack: (s) => ({ renewalId: s.owner.ids.renewal }),
    own: async (s) => {
      const fresh = await newHolder(s.baseUrl, s.actions, { name: "Renewal owner" });
      const cert = await freshCertification(fresh, "CPIM");
      await fresh.client.action(need(s, "app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction"), `/summary/${cert}`, {
        certificationId: cert,
        dueDate: await dueDateOf(fresh.api, cert),
        submittedDate: today(),
        pointsClaimed: "",
      });
      const renewal = (await certifications(fresh.api))[0]?.renewals[0]?.id ?? "missing";
      return { client: fresh.client, fields: { renewalId: renewal } };
    },
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/certifications/actions.ts#saveOpeningBalanceAction": {
    access: "holder",
    attack: (s) => ({ certificationId: s.owner.ids.certification, "points.education": "70", attested: "on" }),
    own: (s) => ({
      client: s.owner.client,
      fields: { certificationId: s.owner.ids.certification, "points.education": "4", attested: "on", note: s.owner.markers.find((m) => m.startsWith("Opening note")) ?? "" },
    }),
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/settings/actions.ts#updateProfileAction": {
    access: "holder",
    attack: () => ({ name: "Renamed by someone else", timezone: "UTC", ascmId: "" }),
    own: (s) => ({ client: s.owner.client, fields: { name: s.owner.name, timezone: "UTC", ascmId: "" } }),
    ownerOutcome: ["success"],
    other: "own",
  },
  "app/(app)/settings/actions.ts#changePasswordAction": {
    access: "holder",
    // Empty input: a wrong current password would count as a failed sign-in.
    attack: () => ({ currentPassword: "", newPassword: "", confirmPassword: "" }),
    own: async (s) => {
      const fresh = await signUpHolder(s.baseUrl, s.actions, { name: "Password changer" });
      return { client: fresh.client, fields: { currentPassword: fresh.password, newPassword: "a brand new passphrase 42", confirmPassword: "a brand new passphrase 42" } };
    },
    ownerOutcome: ["redirect:/settings"],
    other: "own",
  },
  "app/(app)/settings/actions.ts#deleteAccountAction": {
    access: "holder",
    attack: () => ({ password: "", confirm: "" }),
    own: async (s) => {
      const fresh = await signUpHolder(s.baseUrl, s.actions, { name: "Leaving holder" });
      return { client: fresh.client, fields: { password: fresh.password, confirm: "DELETE" } };
    },
    ownerOutcome: ["redirect:/"],
    other: "own",
  },
  "app/(app)/settings/actions.ts#signOutEverywhereAction": {
    access: "holder",
    attack: () => ({}),
    own: async (s) => ({ client: (await signUpHolder(s.baseUrl, s.actions, { name: "Signing out" })).client, fields: {} }),
    ownerOutcome: ["redirect:/sign-in"],
    other: "own",
    // Another holder signing out everywhere ends only their own sessions; a throwaway holder plays it.
    otherFields: () => ({}),
  },
  "app/(app)/settings/sessions-actions.ts#revokeSessionAction": {
    access: "holder",
    // An id that is nobody's (sessions.e2e.ts also tries another holder's real session id).
    attack: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    // Two more sessions of the owner: the first signs the second out (never the owner's main cookie).
    own: async (s) => {
      const first = await signInHolder(s.baseUrl, s.actions, s.owner.email, s.owner.password);
      await signInHolder(s.baseUrl, s.actions, s.owner.email, s.owner.password);
      const id = otherSessionIds((await first.get("/settings")).text)[0];
      if (!id) throw new Error("no other session of the owner listed in Settings");
      return { client: first, fields: { id } };
    },
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/settings/reminders-actions.ts#saveReminderPrefsAction": {
    access: "holder",
    attack: () => ({}),
    own: (s) => ({ client: s.owner.client, fields: { email: "on" } }),
    ownerOutcome: ["success"],
    other: "own",
  },
  "app/(app)/settings/reminders-actions.ts#calendarFeedAction": {
    access: "holder",
    attack: () => ({ op: "disable" }),
    own: async (s) => ({ client: (await signUpHolder(s.baseUrl, s.actions, { name: "Calendar user" })).client, fields: { op: "enable" } }),
    ownerOutcome: ["success"],
    other: "own",
  },
  "app/(app)/settings/tokens-actions.ts#createTokenAction": {
    access: "holder",
    attack: () => ({ name: "Planted token" }),
    own: (s) => ({ client: s.owner.client, fields: { name: "Owner's second script" } }),
    ownerOutcome: ["created"],
    other: "own",
  },
  "app/(app)/settings/tokens-actions.ts#revokeTokenAction": {
    access: "holder",
    attack: (s) => ({ id: s.owner.ids.tokenRow }),
    own: async (s) => ({ client: s.owner.client, fields: { id: (await freshToken(s.owner.client, s.actions)).row } }),
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction": {
    access: "holder",
    attack: (s) => ({ certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate, submittedDate: today(), pointsClaimed: "75" }),
    own: (s) => ({ client: s.owner.client, fields: { certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate, submittedDate: today(), pointsClaimed: "" } }),
    ownerOutcome: ["success"],
    other: "notfound",
  },
  "app/(app)/summary/[certificationId]/actions.ts#markApprovedAction": {
    access: "holder",
    attack: (s) => ({ certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate, approvedDate: today() }),
    own: async (s) => {
      const fresh = await newHolder(s.baseUrl, s.actions, { name: "Approved holder" });
      const cert = await freshCertification(fresh, "CPIM");
      const dueDate = await dueDateOf(fresh.api, cert);
      await fresh.client.action(need(s, "app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction"), `/summary/${cert}`, { certificationId: cert, dueDate, submittedDate: today(), pointsClaimed: "" });
      return { client: fresh.client, fields: { certificationId: cert, dueDate, approvedDate: today() }, page: `/summary/${cert}` };
    },
    ownerOutcome: ["redirect:/summary/*"],
    other: "notfound",
  },
  "app/(app)/summary/[certificationId]/actions.ts#undoRenewalAction": {
    access: "holder",
    attack: (s) => ({ certificationId: s.owner.ids.certification, dueDate: s.owner.ids.dueDate }),
    own: async (s) => {
      const fresh = await newHolder(s.baseUrl, s.actions, { name: "Undoing holder" });
      const cert = await freshCertification(fresh, "CPIM");
      const dueDate = await dueDateOf(fresh.api, cert);
      await fresh.client.action(need(s, "app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction"), `/summary/${cert}`, { certificationId: cert, dueDate, submittedDate: today(), pointsClaimed: "" });
      return { client: fresh.client, fields: { certificationId: cert, dueDate }, page: `/summary/${cert}` };
    },
    ownerOutcome: ["redirect:/summary/*"],
    other: "notfound",
  },
};

export function strings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}

export function need(s: Scene, key: string) {
  const a = s.actions[key];
  if (!a) throw new Error(`no action ${key}`);
  return a;
}

export async function freshCertification(h: { api: HttpClient }, code: string): Promise<string> {
  const existing = (await certifications(h.api)).find((c) => c.credentialCode === code);
  if (existing) return existing.id;
  return body<{ id: string }>(await h.api.json("POST", "/api/v1/certifications", { credentialCode: code, earnedDate: "2022-05-20" }), 201).id;
}

export function outcomeMatches(outcome: string, expected: string[]): boolean {
  return expected.some((e) => (e.endsWith("/*") ? outcome.startsWith(e.slice(0, -1)) : outcome === e));
}

