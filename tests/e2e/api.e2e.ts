/**
 * The JSON API v1 against the built app: tokens created on the Settings page, every endpoint as
 * the owner, anonymously (401) and with another holder's ids (404, nothing changed), cookie
 * writes from another site refused, and a table of malformed bodies (each a 4xx with a
 * field-level error, never a 500, never a write).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, baseUrl, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signUp } from "./browser";

type Json = Record<string, unknown>;
type ErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };

async function createTokenInSettings(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const field = page.getByLabel("Your new token");
  await field.waitFor();
  const token = await field.inputValue();
  expect(token).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
  return token;
}

type Auth = { token?: string; cookie?: string; origin?: string };

async function api(method: string, path: string, auth: Auth, body?: unknown, init: { raw?: string; contentType?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.origin) headers.origin = auth.origin;
  const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined && init.contentType !== null) headers["content-type"] = init.contentType ?? "application/json";
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as Json & ErrorBody & { data: Json[]; total: number } };
}

const TRAINING = { typeId: "attend_training", title: "Lean workshop", provider: "ASCM Chapter 12", startDate: "2024-03-01", quantity: 2 };

describe.skipIf(!hasChromium)("JSON API v1", () => {
  let browser: Browser;
  let alicePage: Page;
  let alice: { token: string; cookie: string };
  let bob: { token: string };
  let aliceCert: string;
  let aliceActivity: string;

  beforeAll(async () => {
    browser = await launch();
    const a = await newPage(browser);
    alicePage = a.page;
    await signUp(alicePage, { name: "Alice Api" });
    const aliceToken = await createTokenInSettings(alicePage, "Test script");
    const cookies = await a.context.cookies();
    alice = { token: aliceToken, cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    const b = await newPage(browser);
    await signUp(b.page, { name: "Bob Api" });
    bob = { token: await createTokenInSettings(b.page, "Bob's script") };
    await b.context.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the token once and lists it by prefix on the Settings page", async () => {
    await alicePage.goto("/settings");
    const item = alicePage.getByRole("listitem").filter({ hasText: "Test script" });
    await expect(item.textContent()).resolves.toContain(alice.token.slice(0, 10));
    expect(await alicePage.content()).not.toContain(alice.token);
    await expectAccessible(alicePage);
  });

  it("serves every endpoint to the owner", async () => {
    const cert = await api("POST", "/api/v1/certifications", alice, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15" });
    expect(cert.status).toBe(201);
    aliceCert = cert.body.id as string;
    expect(cert.body).toMatchObject({ credentialCode: "CPIM", earnedDate: "2022-03-15" });
    expect(cert.body).not.toHaveProperty("userId");

    const certs = await api("GET", "/api/v1/certifications", alice);
    expect(certs.status).toBe(200);
    expect(certs.body.data.map((c) => c.id)).toEqual([aliceCert]);

    const created = await api("POST", "/api/v1/activities", alice, TRAINING);
    expect(created.status).toBe(201);
    aliceActivity = created.body.id as string;
    expect(created.body).toMatchObject({ ...TRAINING, version: 1, score: { points: 2 } });

    const one = await api("GET", `/api/v1/activities/${aliceActivity}`, alice);
    expect(one.body).toMatchObject({ id: aliceActivity, title: "Lean workshop" });

    const list = await api("GET", "/api/v1/activities?from=2024-01-01&to=2024-12-31&type=attend_training&category=education&q=lean&page=1&pageSize=10", alice);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    const filteredOut = await api("GET", "/api/v1/activities?category=service", alice);
    expect(filteredOut.body.total).toBe(0);
    const badQuery = await api("GET", "/api/v1/activities?pageSize=1000&from=yesterday", alice);
    expect(badQuery.status).toBe(400);
    expect(Object.keys(badQuery.body.error.fields).sort()).toEqual(["from", "pageSize"]);

    const patched = await api("PATCH", `/api/v1/activities/${aliceActivity}`, alice, { version: 1, quantity: 3.5, notes: "Both days" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, quantity: 3.5, notes: "Both days", title: "Lean workshop" });
    const stale = await api("PATCH", `/api/v1/activities/${aliceActivity}`, alice, { version: 1, quantity: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "version_conflict", currentVersion: 2 });

    const progress = await api("GET", `/api/v1/certifications/${aliceCert}/progress?asOf=2024-06-30`, alice);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ certificationId: aliceCert, credentialCode: "CPIM", required: 75, counted: 3.5, asOf: "2024-06-30" });

    const doomed = await api("POST", "/api/v1/activities", alice, { ...TRAINING, title: "To delete" });
    expect((await api("DELETE", `/api/v1/activities/${doomed.body.id as string}`, alice)).status).toBe(204);
    expect((await api("GET", `/api/v1/activities/${doomed.body.id as string}`, alice)).status).toBe(404);
  });

  it("answers 401 to anonymous callers and to unknown tokens, on every endpoint", async () => {
    const id = aliceActivity;
    const calls: [string, string, unknown?][] = [
      ["GET", "/api/v1/activities"],
      ["POST", "/api/v1/activities", TRAINING],
      ["GET", `/api/v1/activities/${id}`],
      ["PATCH", `/api/v1/activities/${id}`, { version: 2, title: "x" }],
      ["DELETE", `/api/v1/activities/${id}`],
      ["GET", "/api/v1/certifications"],
      ["POST", "/api/v1/certifications", { credentialCode: "CSCP", earnedDate: "2020-01-01" }],
      ["GET", `/api/v1/certifications/${aliceCert}/progress`],
      ["GET", "/api/account/export?format=json"],
    ];
    for (const [method, path, body] of calls) {
      for (const auth of [{}, { token: `rct_${"x".repeat(43)}` }, { token: "garbage" }]) {
        const res = await api(method, path, auth, body);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error.code).toBe("unauthorized");
      }
    }
    expect((await api("GET", `/api/v1/activities/${id}`, alice)).body).toMatchObject({ version: 2 });
  });

  it("answers 404 to another holder's ids and changes nothing", async () => {
    const before = await api("GET", `/api/v1/activities/${aliceActivity}`, alice);
    expect((await api("GET", `/api/v1/activities/${aliceActivity}`, bob)).status).toBe(404);
    expect((await api("PATCH", `/api/v1/activities/${aliceActivity}`, bob, { version: 2, title: "Bob was here" })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/activities/${aliceActivity}`, bob)).status).toBe(404);
    expect((await api("GET", `/api/v1/certifications/${aliceCert}/progress`, bob)).status).toBe(404);
    const sneaky = await api("POST", "/api/v1/activities", bob, { ...TRAINING, excludedCertificationIds: [aliceCert] });
    expect(sneaky.status).toBe(422);
    expect(sneaky.body.error.fields).toHaveProperty("excludedCertificationIds");
    // A missing id answers exactly like Bob's view of Alice's.
    const missing = await api("GET", "/api/v1/activities/00000000-0000-4000-8000-000000000000", bob);
    const foreign = await api("GET", `/api/v1/activities/${aliceActivity}`, bob);
    expect(foreign).toEqual(missing);
    expect(await api("GET", `/api/v1/activities/${aliceActivity}`, alice)).toEqual(before);
    expect((await api("GET", "/api/v1/activities", bob)).body.total).toBe(0);
    expect((await api("GET", "/api/v1/certifications", bob)).body.data).toEqual([]);
  });

  it("ignores ownership members in a body: userId cannot write into another account", async () => {
    const bobsView = await api("GET", "/api/v1/activities", bob);
    const res = await api("POST", "/api/v1/activities", bob, { ...TRAINING, title: "Bob's own", userId: "someone", id: aliceActivity, version: 99 });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(aliceActivity);
    expect(res.body.version).toBe(1);
    expect((await api("GET", "/api/v1/activities", bob)).body.total).toBe(bobsView.body.total + 1);
    expect((await api("GET", "/api/v1/activities?q=Bob", alice)).body.total).toBe(0);
  });

  it("accepts the session cookie, but refuses a cookie write from another site", async () => {
    const count = async () => (await api("GET", "/api/v1/activities", alice)).body.total;
    const before = await count();
    expect((await api("GET", "/api/v1/activities", { cookie: alice.cookie })).status).toBe(200);
    for (const origin of ["https://evil.example", "null", undefined]) {
      const res = await api("POST", "/api/v1/activities", { cookie: alice.cookie, origin }, { ...TRAINING, title: "Forged" });
      expect(res.status, `origin ${origin}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden_origin");
    }
    const del = await api("DELETE", `/api/v1/activities/${aliceActivity}`, { cookie: alice.cookie, origin: "https://evil.example" });
    expect(del.status).toBe(403);
    expect(await count()).toBe(before);
    // The app's own pages may write with the cookie (same origin, as a browser sends it).
    const status = await alicePage.evaluate(async (body) => {
      const r = await fetch("/api/v1/activities", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return r.status;
    }, { ...TRAINING, title: "From the page" });
    expect(status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  describe("malformed bodies", () => {
    const huge = "x".repeat(70 * 1024);
    const base = TRAINING;
    const without = (key: keyof typeof TRAINING) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
    // [label, body (object, or raw string via { raw }), expected status, field expected in error.fields]
    type Row = [string, { json?: unknown; raw?: string; contentType?: string | null }, number, string];
    const j = (over: Json): { json: unknown } => ({ json: { ...base, ...over } });
    const rows: Row[] = [
      // wrong types
      ["title as a number", j({ title: 123 }), 422, "title"],
      ["title as a boolean", j({ title: true }), 422, "title"],
      ["title as null", j({ title: null }), 422, "title"],
      ["title as an array", j({ title: ["a"] }), 422, "title"],
      ["title as an object", j({ title: { a: 1 } }), 422, "title"],
      ["typeId as a number", j({ typeId: 7 }), 422, "typeId"],
      ["typeId as null", j({ typeId: null }), 422, "typeId"],
      ["startDate as a number", j({ startDate: 20240301 }), 422, "startDate"],
      ["startDate as null", j({ startDate: null }), 422, "startDate"],
      ["quantity as a word", j({ quantity: "two" }), 422, "quantity"],
      ["quantity as a numeric string", j({ quantity: "2" }), 422, "quantity"],
      ["quantity as a boolean", j({ quantity: true }), 422, "quantity"],
      ["quantity as an array", j({ quantity: [2] }), 422, "quantity"],
      ["endDate as a number", j({ endDate: 5 }), 422, "endDate"],
      ["provider as a number", j({ provider: 5 }), 422, "provider"],
      ["notes as an object", j({ notes: { x: 1 } }), 422, "notes"],
      ["details as a string", j({ details: "pages=3" }), 422, "details"],
      ["details as an array", j({ details: [1, 2] }), 422, "details"],
      ["manualPoints as a string", j({ manualPoints: "4", manualReason: "r" }), 422, "manualPoints"],
      ["manualReason as a number", j({ manualPoints: 4, manualReason: 4 }), 422, "manualReason"],
      ["exclusions as a string", j({ excludedCertificationIds: "abc" }), 422, "excludedCertificationIds"],
      ["exclusions with a number", j({ excludedCertificationIds: [5] }), 422, "excludedCertificationIds.0"],
      ["exclusions with a non-id", j({ excludedCertificationIds: ["not-an-id"] }), 422, "excludedCertificationIds.0"],
      ["packId as a number", j({ packId: 1 }), 422, "packId"],
      // missing fields
      ["no typeId", { json: without("typeId") }, 422, "typeId"],
      ["no title", { json: without("title") }, 422, "title"],
      ["no startDate", { json: without("startDate") }, 422, "startDate"],
      ["no hours for a training", { json: without("quantity") }, 422, "quantity"],
      ["an empty object", { json: {} }, 422, "typeId"],
      ["a book without pages", j({ typeId: "book", quantity: null }), 422, "details.pages"],
      ["a conference without its name", j({ typeId: "ascm_conference", quantity: 2 }), 422, "details.eventName"],
      ["a course without weeks", j({ typeId: "college_course", quantity: null, details: { creditHours: 3 } }), 422, "details.weeks"],
      ["manual points without a reason", j({ manualPoints: 4 }), 422, "manualReason"],
      ["a reason without manual points", j({ manualReason: "because" }), 422, "manualPoints"],
      // bad dates
      ["30 February", j({ startDate: "2024-02-30" }), 422, "startDate"],
      ["month 13", j({ startDate: "2024-13-01" }), 422, "startDate"],
      ["a two-digit year", j({ startDate: "24-03-01" }), 422, "startDate"],
      ["slashes", j({ startDate: "2024/03/01" }), 422, "startDate"],
      ["a word", j({ startDate: "yesterday" }), 422, "startDate"],
      ["an empty date", j({ startDate: "" }), 422, "startDate"],
      ["a timestamp", j({ startDate: "2024-03-01T00:00:00Z" }), 422, "startDate"],
      ["the year 1800", j({ startDate: "1800-01-01" }), 422, "startDate"],
      ["an end before the start", j({ endDate: "2024-02-01" }), 422, "endDate"],
      ["a bad end date", j({ endDate: "2024-04-31" }), 422, "endDate"],
      // numbers out of range
      ["negative hours", j({ quantity: -1 }), 422, "quantity"],
      ["zero hours", j({ quantity: 0 }), 422, "quantity"],
      ["a third of an hour", j({ quantity: 0.3 }), 422, "quantity"],
      ["a billion hours", j({ quantity: 1e9 }), 422, "quantity"],
      ["negative manual points", j({ manualPoints: -5, manualReason: "r" }), 422, "manualPoints"],
      ["too many manual points", j({ manualPoints: 5000, manualReason: "r" }), 422, "manualPoints"],
      ["manual points with three decimals", j({ manualPoints: 1.234, manualReason: "r" }), 422, "manualPoints"],
      ["a fractional page count", j({ typeId: "book", quantity: null, details: { pages: 120.5 } }), 422, "details.pages"],
      // unknown type or issuer
      ["an unknown type", j({ typeId: "skydiving" }), 422, "typeId"],
      ["an empty type", j({ typeId: "" }), 422, "typeId"],
      ["an unknown issuer", j({ packId: "pmx" }), 422, "packId"],
      ["an ASCM type under PMI", j({ packId: "pmi" }), 422, "typeId"],
      // huge strings
      ["a 201-character title", j({ title: "t".repeat(201) }), 422, "title"],
      ["a 10,001-character title", j({ title: "t".repeat(10_001) }), 422, "title"],
      ["a 201-character provider", j({ provider: "p".repeat(201) }), 422, "provider"],
      ["5,001 characters of notes", j({ notes: "n".repeat(5001) }), 422, "notes"],
      ["a 501-character reason", j({ manualPoints: 4, manualReason: "r".repeat(501) }), 422, "manualReason"],
      ["a body over 64 KB", j({ notes: huge }), 413, "body"],
      // not JSON, or not an object
      ["an unclosed object", { raw: '{"title":' }, 400, "body"],
      ["a missing value", { raw: '{"title":}' }, 400, "body"],
      ["single quotes", { raw: "{'title':'x'}" }, 400, "body"],
      ["a trailing comma", { raw: '{"title":"x",}' }, 400, "body"],
      ["undefined", { raw: "undefined" }, 400, "body"],
      ["an empty body", { raw: "" }, 400, "body"],
      ["NaN", { raw: '{"quantity": NaN}' }, 400, "body"],
      ["an array", { raw: "[1,2,3]" }, 422, "body"],
      ["a JSON string", { raw: '"hello"' }, 422, "body"],
      ["JSON null", { raw: "null" }, 422, "body"],
      ["a number", { raw: "42" }, 422, "body"],
      // wrong content type
      ["text/plain", { raw: JSON.stringify(base), contentType: "text/plain" }, 415, "content-type"],
      ["a form encoding", { raw: "title=x", contentType: "application/x-www-form-urlencoded" }, 415, "content-type"],
      ["no content type", { raw: JSON.stringify(base), contentType: null }, 415, "content-type"],
      ["text/html", { raw: JSON.stringify(base), contentType: "text/html" }, 415, "content-type"],
    ];

    it(`has at least 60 cases (${rows.length})`, () => {
      expect(rows.length).toBeGreaterThanOrEqual(60);
    });

    it("answers each with a 4xx and a field-level error, never a 500, never a write", async () => {
      const before = (await api("GET", "/api/v1/activities", alice)).body.total;
      const failures: string[] = [];
      for (const [label, input, status, field] of rows) {
        const res = await api("POST", "/api/v1/activities", alice, input.json, { raw: input.raw, contentType: input.contentType });
        const fields = res.body?.error?.fields ?? {};
        if (res.status !== status || !(field in fields)) failures.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      expect(failures).toEqual([]);
      expect((await api("GET", "/api/v1/activities", alice)).body.total).toBe(before);
    });

    it("refuses malformed PATCH and certification bodies the same way, changing nothing", async () => {
      const before = await api("GET", `/api/v1/activities/${aliceActivity}`, alice);
      const version = before.body.version as number;
      const patches: [Json, number, string][] = [
        [{ title: "no version" }, 422, "version"],
        [{ version: String(version), title: "x" }, 422, "version"],
        [{ version: 0, title: "x" }, 422, "version"],
        [{ version: 1.5 }, 422, "version"],
        [{ version, quantity: -2 }, 422, "quantity"],
        [{ version, startDate: "2024-02-30" }, 422, "startDate"],
        [{ version, typeId: "nope" }, 422, "typeId"],
        [{ version, title: "" }, 422, "title"],
      ];
      for (const [body, status, field] of patches) {
        const res = await api("PATCH", `/api/v1/activities/${aliceActivity}`, alice, body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field]);
      }
      expect(await api("GET", `/api/v1/activities/${aliceActivity}`, alice)).toEqual(before);

      const certsBefore = (await api("GET", "/api/v1/certifications", alice)).body.data.length;
      const certBodies: [Json, string][] = [
        [{ earnedDate: "2020-01-01" }, "credentialCode"],
        [{ credentialCode: "CSCP" }, "earnedDate"],
        [{ credentialCode: "CSCP", earnedDate: "2020-02-30" }, "earnedDate"],
        [{ credentialCode: 5, earnedDate: "2020-01-01" }, "credentialCode"],
        [{ credentialCode: "NOPE", earnedDate: "2020-01-01" }, "credentialCode"],
        [{ packId: "nope", credentialCode: "CSCP", earnedDate: "2020-01-01" }, "packId"],
        [{ credentialCode: "CSCP", earnedDate: "2020-01-01", holderId: "<script>" }, "holderId"],
      ];
      for (const [body, field] of certBodies) {
        const res = await api("POST", "/api/v1/certifications", alice, body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field]);
      }
      expect((await api("GET", "/api/v1/certifications", alice)).body.data.length).toBe(certsBefore);
    });
  });

  it("revokes a token from the Settings page: it stops working at once", async () => {
    const { context, page } = await newPage(browser, { phone: true });
    await signUp(page, { name: "Revoking Holder" });
    const token = await createTokenInSettings(page, "Old laptop");
    await screenshot(page, "settings-token-created-phone");
    expect((await api("GET", "/api/v1/activities", { token })).status).toBe(200);
    await page.goto("/settings");
    await page.getByRole("button", { name: "Revoke token Old laptop" }).click();
    await page.getByText("No tokens yet.").waitFor();
    expect((await api("GET", "/api/v1/activities", { token })).status).toBe(401);
    await expectAccessible(page);
    await screenshot(page, "settings-tokens-phone");
    await context.close();
  });

  it("looks right on the Settings page at desktop width", async () => {
    await alicePage.goto("/settings");
    await alicePage.getByRole("heading", { name: "API tokens" }).scrollIntoViewIfNeeded();
    await screenshot(alicePage, "settings-tokens-desktop");
  });
});
