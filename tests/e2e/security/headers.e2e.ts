/**
 * Security headers on every response (ASVS 3.4; reference R7): every discovered page and route
 * handler method, answered to an anonymous caller and to a signed-in holder, including
 * redirects, 401s, 404s, static files and the not-found page, carries a CSP with
 * object-src 'none', base-uri 'none' and frame-ancestors 'none' (pages: a per-request nonce and
 * no inline scripts), HSTS (the server runs with NODE_ENV=production), nosniff, a Referrer-Policy
 * and a Permissions-Policy. Session cookies are HttpOnly and SameSite=Lax, and Secure with the
 * __Secure- prefix when the site is reached over https (X-Forwarded-Proto from the proxy).
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { body, byKey, newHolder, signUpHolder, training, type Holder } from "../../support/holders";
import { HttpClient, type Reply } from "../../support/http";
import { discoverActions, discoverPages, discoverRouteHandlers, fillPattern } from "../../support/routes";

const baseUrl = () => inject("baseUrl");

function directives(csp: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values.join(" "));
  }
  return out;
}

/** The problems with one response's headers (an empty list when all is well). */
function headerProblems(r: Reply, kind: "page" | "api" | "static"): string[] {
  const problems: string[] = [];
  const h = r.headers;
  const csp = h.get("content-security-policy");
  // A script or stylesheet is never a document, so a CSP on it would govern nothing (the page's does).
  const subresource = kind === "static" && /javascript|css/.test(h.get("content-type") ?? "");
  if (!csp) {
    if (!subresource) problems.push("no Content-Security-Policy");
  } else {
    const d = directives(csp);
    if (d.get("object-src") !== "'none'") problems.push(`object-src is ${d.get("object-src") ?? "missing"}`);
    if (d.get("base-uri") !== "'none'") problems.push(`base-uri is ${d.get("base-uri") ?? "missing"}`);
    if (d.get("frame-ancestors") !== "'none'") problems.push(`frame-ancestors is ${d.get("frame-ancestors") ?? "missing"}`);
    const scripts = d.get("script-src") ?? d.get("default-src") ?? "";
    if (/'unsafe-inline'/.test(scripts) || /'unsafe-eval'/.test(scripts)) problems.push(`scripts allow ${scripts}`);
    if (kind === "page" && r.headers.get("content-type")?.startsWith("text/html") && !/'nonce-[A-Za-z0-9+/=]{16,}'/.test(scripts)) {
      problems.push(`page script-src has no nonce: ${scripts}`);
    }
  }
  if (h.get("x-content-type-options") !== "nosniff") problems.push(`X-Content-Type-Options is ${h.get("x-content-type-options")}`);
  const referrer = h.get("referrer-policy") ?? "";
  if (!/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(referrer)) problems.push(`Referrer-Policy is "${referrer}"`);
  const permissions = h.get("permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation"]) if (!permissions.includes(`${feature}=()`)) problems.push(`Permissions-Policy does not turn off ${feature}`);
  const hsts = /max-age=(\d+)/.exec(h.get("strict-transport-security") ?? "");
  if (!hsts || Number(hsts[1]) < 31_536_000) problems.push(`HSTS is "${h.get("strict-transport-security")}" (need max-age ≥ 1 year in production)`);
  if (h.get("x-powered-by")) problems.push("X-Powered-By is sent");
  return problems;
}

describe("security headers on every response", () => {
  const pages = discoverPages();
  const routes = discoverRouteHandlers();
  let holder: Holder;
  let ids: Record<string, string>;

  beforeAll(async () => {
    const actions = byKey(discoverActions());
    holder = await newHolder(baseUrl(), actions, { name: "Header Checker" });
    const cert = body<{ id: string }>(await holder.api.json("POST", "/api/v1/certifications", { credentialCode: "CPIM", earnedDate: "2022-03-10" }), 201);
    const activity = body<{ id: string }>(await holder.api.json("POST", "/api/v1/activities", training()), 201);
    ids = { id: activity.id, certificationId: cert.id, token: "not-a-real-token", nextauth: "session" };
  }, 120_000);

  it("every page and route handler, anonymous and signed in, success and error alike", async () => {
    const problems: string[] = [];
    let responses = 0;
    const anon = new HttpClient(baseUrl());
    const probe = async (label: string, r: Reply, kind: "page" | "api" | "static") => {
      responses += 1;
      for (const p of headerProblems(r, kind)) problems.push(`${label} (HTTP ${r.status}): ${p}`);
    };
    for (const page of pages) {
      const path = fillPattern(page.pattern, ids);
      await probe(`page ${path} anonymous`, await anon.get(path), "page");
      await probe(`page ${path} signed in`, await holder.client.get(path), "page");
      await probe(`page ${path} RSC`, await holder.client.get(path, { rsc: "1" }), "page");
      await probe(`page ${path} with x-middleware-subrequest`, await anon.get(path, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }), "page");
      // Authenticated pages must not be cached by the browser or a proxy (ASVS 14.3.2).
      const mine = await holder.client.get(path);
      const cache = mine.headers.get("cache-control") ?? "";
      if (mine.status === 200 && !/no-store/.test(cache) && !["/", "/sign-in", "/sign-up"].includes(page.pattern)) {
        problems.push(`page ${path} signed in: Cache-Control "${cache}" lacks no-store`);
      }
    }
    for (const route of routes) {
      const path = fillPattern(route.pattern, ids);
      for (const method of route.methods) {
        // Anonymous: refused (or public) answers; no body, so nothing is changed.
        await probe(`${method} ${path} anonymous`, await anon.request(path, { method, headers: method === "GET" ? {} : { origin: anon.origin } }), "api");
        if (method === "GET") await probe(`GET ${path} signed in`, await holder.client.get(path), "api");
      }
    }
    // What no route file lists: a page that does not exist, a static asset, the icon, a JS chunk.
    await probe("unknown page", await anon.get("/no-such-page"), "page");
    await probe("unknown API path", await anon.get("/api/no-such-route"), "api");
    const landing = await anon.get("/");
    const chunk = /\/_next\/static\/[^"']+\.js/.exec(landing.text)?.[0];
    expect(chunk, "the landing page loads a script chunk").toBeTruthy();
    await probe("a static JS chunk", await anon.get(chunk ?? "/"), "static");
    await probe("the icon", await anon.get("/icon.svg"), "static");
    console.log(`[headers] ${responses} responses checked on ${pages.length} pages and ${routes.reduce((n, r) => n + r.methods.length, 0)} route handler methods`);
    expect(problems).toEqual([]);
  });

  it("the nonce changes on every page view and is the one on the page's scripts", async () => {
    const anon = new HttpClient(baseUrl());
    const a = await anon.get("/sign-in");
    const b = await anon.get("/sign-in");
    const nonceOf = (r: Reply) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(a)).toBeTruthy();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    const scripts = [...a.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "every script carries the nonce").toContain(`nonce="${nonceOf(a) ?? "?"}"`);
  });

  it("session cookies: HttpOnly and SameSite=Lax; over https also Secure with the __Secure- prefix", async () => {
    const actions = byKey(discoverActions());
    const plain = await signUpHolder(baseUrl(), actions, { name: "Cookie Http" });
    const httpCookie = await setCookieOf(actions, plain.email, plain.password, {});
    expect(httpCookie).toMatch(/^authjs\.session-token=/);
    expect(httpCookie).toMatch(/;\s*HttpOnly/i);
    expect(httpCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(httpCookie).toMatch(/;\s*Path=\//i);
    // Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the production cookie is Secure.
    const httpsCookie = await setCookieOf(actions, plain.email, plain.password, { "x-forwarded-proto": "https" });
    expect(httpsCookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(httpsCookie).toMatch(/;\s*Secure/i);
    expect(httpsCookie).toMatch(/;\s*HttpOnly/i);
    expect(httpsCookie).toMatch(/;\s*SameSite=Lax/i);
    // The session lives 7 days (idle timeout, refreshed daily), never 30 (Auth.js's default).
    const maxAge = /Max-Age=(\d+)/i.exec(httpsCookie)?.[1];
    const lifetimeMs = maxAge ? Number(maxAge) * 1000 : Date.parse(/Expires=([^;]+)/i.exec(httpsCookie)?.[1] ?? "") - Date.now();
    expect(lifetimeMs).toBeGreaterThan(0);
    expect(lifetimeMs).toBeLessThanOrEqual(7 * 24 * 3600 * 1000 + 60_000);
  });
});

/** The Set-Cookie line of the session cookie a (correct) sign-in answers with. */
async function setCookieOf(actions: ReturnType<typeof byKey>, email: string, password: string, headers: Record<string, string>): Promise<string> {
  const client = new HttpClient(baseUrl());
  const signIn = actions["app/(auth)/actions.ts#signInAction"];
  if (!signIn) throw new Error("no sign-in action");
  const form = new FormData();
  form.append("_1_email", email);
  form.append("_1_password", password);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const res = await fetch(`${client.baseUrl}/sign-in`, {
    method: "POST",
    headers: { "next-action": signIn.id, accept: "text/x-component", origin: client.origin, ...headers },
    body: form,
    redirect: "manual",
  });
  await res.text();
  const line = res.headers.getSetCookie().find((l) => /session-token=/.test(l) && !/Max-Age=0/i.test(l));
  if (!line) throw new Error(`no session cookie (HTTP ${res.status}): ${res.headers.getSetCookie().join(" | ")}`);
  return line;
}
