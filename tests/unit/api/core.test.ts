import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError,
  type Authenticate,
  createApiRoute,
  isJsonContentType,
  isSameOrigin,
  json,
  queryObject,
  zodParser,
} from "@/lib/api/core";
import { bearerToken, generateToken, hashToken, looksLikeToken } from "@/lib/api/tokens";

type U = { id: string };
const alice: U = { id: "alice" };

function routeWith(auth: Awaited<ReturnType<Authenticate<U>>>, report = vi.fn()) {
  return createApiRoute<U>({ authenticate: async () => auth, report });
}

const Body = z.object({ title: z.string({ error: "Must be a string." }).min(1, "Required."), n: z.number().optional() });

function req(method: string, init: { body?: string; headers?: Record<string, string>; url?: string } = {}) {
  return new Request(init.url ?? "http://app.test/api/v1/things", {
    method,
    body: init.body,
    headers: { host: "app.test", ...init.headers },
  });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
  return { status: res.status, ...body.error };
}

describe("createApiRoute: authentication", () => {
  it("answers 401 with a JSON error when nobody is signed in", async () => {
    const handler = vi.fn();
    const res = await routeWith(null)({}, handler)(req("GET"));
    expect(await errorOf(res)).toMatchObject({ status: 401, code: "unauthorized", fields: {} });
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 401 for an invalid token, with its own message", async () => {
    const res = await routeWith("invalid_token")({}, vi.fn())(req("GET"));
    expect(await errorOf(res)).toMatchObject({ status: 401, message: expect.stringContaining("revoked") });
  });

  it("passes the user and how they authenticated to the handler", async () => {
    const res = await routeWith({ user: alice, via: "token" })({}, async ({ user, via }) => json({ user, via }))(req("GET"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: alice, via: "token" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("createApiRoute: cross-site writes with a cookie", () => {
  const ok = async () => json({ ok: true });
  const post = (headers: Record<string, string>, via: "session" | "token") =>
    routeWith({ user: alice, via })({ body: zodParser(Body) }, ok)(
      req("POST", { body: '{"title":"x"}', headers: { "content-type": "application/json", ...headers } }),
    );

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["an Origin of another port", { origin: "http://app.test:8080" }],
    ["the opaque Origin null", { origin: "null" }],
    ["no Origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no Origin and no Sec-Fetch-Site", {}],
    ["a malformed Origin", { origin: "::::" }],
  ])("refuses a cookie POST with %s (403)", async (_label, headers) => {
    const res = await post(headers, "session");
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden_origin" });
  });

  it.each([
    ["the same Origin", { origin: "http://app.test" }],
    ["no Origin but Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["an Origin matching X-Forwarded-Host", { origin: "https://recert.example", "x-forwarded-host": "recert.example" }],
  ])("accepts a cookie POST with %s", async (_label, headers) => {
    expect((await post(headers, "session")).status).toBe(200);
  });

  it("needs no Origin for a token request", async () => {
    expect((await post({ origin: "https://evil.example" }, "token")).status).toBe(200);
    expect((await post({}, "token")).status).toBe(200);
  });

  it("lets a cookie GET through from anywhere (reads change nothing)", async () => {
    const res = await routeWith({ user: alice, via: "session" })({}, ok)(req("GET", { headers: { origin: "https://evil.example" } }));
    expect(res.status).toBe(200);
  });
});

describe("createApiRoute: bodies", () => {
  const route = routeWith({ user: alice, via: "token" });
  const echo = route({ body: zodParser(Body), maxBodyBytes: 1024 }, async ({ body }) => json(body));
  const send = (body: string, contentType = "application/json") => echo(req("POST", { body, headers: { "content-type": contentType } }));

  it.each([
    ["text/plain", "text/plain"],
    ["form data", "application/x-www-form-urlencoded"],
    ["no content type", ""],
    ["a JSON look-alike", "application/jsonp"],
  ])("refuses %s with 415", async (_l, type) => {
    const res = await send('{"title":"x"}', type);
    expect(await errorOf(res)).toMatchObject({ status: 415, code: "unsupported_media_type", fields: { "content-type": expect.any(String) } });
  });

  it("accepts application/json with a charset and +json types", async () => {
    expect((await send('{"title":"x"}', "application/json; charset=utf-8")).status).toBe(200);
    expect((await send('{"title":"x"}', "application/merge-patch+json")).status).toBe(200);
  });

  it.each([
    ["a truncated object", '{"title":'],
    ["single quotes", "{'title':'x'}"],
    ["a trailing comma", '{"title":"x",}'],
    ["an empty body", ""],
  ])("answers 400 for %s", async (_l, body) => {
    expect(await errorOf(await send(body))).toMatchObject({ status: 400, code: "invalid_json", fields: { body: expect.stringContaining("JSON") } });
  });

  it.each([
    ["an array", "[1,2]"],
    ["null", "null"],
    ["a string", '"title"'],
    ["a number", "42"],
  ])("answers 422 when the JSON is %s, not an object", async (_l, body) => {
    expect(await errorOf(await send(body))).toMatchObject({ status: 422, fields: { body: "Must be a JSON object." } });
  });

  it("answers 413 above the size limit, declared or streamed", async () => {
    const big = JSON.stringify({ title: "x".repeat(2000) });
    expect(await errorOf(await send(big))).toMatchObject({ status: 413, code: "payload_too_large" });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const streamed = new Request("http://app.test/x", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect((await echo(streamed)).status).toBe(413);
  });

  it("answers 400 for bytes that are not UTF-8", async () => {
    const res = await echo(new Request("http://app.test/x", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { "content-type": "application/json" } }));
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("answers 422 with one message per field, by dotted path", async () => {
    const res = await send('{"title":5,"n":"x"}');
    const err = await errorOf(res);
    expect(err).toMatchObject({ status: 422, code: "validation_failed" });
    expect(err.fields).toEqual({ title: "Must be a string.", n: expect.any(String) });
  });

  it("drops members the schema does not know", async () => {
    const res = await send('{"title":"x","userId":"someone-else","id":"forged"}');
    expect(await res.json()).toEqual({ title: "x" });
  });
});

describe("createApiRoute: params, query and failures", () => {
  const route = routeWith({ user: alice, via: "token" });

  it("treats params the parser refuses as a missing resource (404)", async () => {
    const handler = route({ params: zodParser(z.object({ id: z.string().uuid() })) }, async () => json({}));
    const res = await handler(req("GET"), { params: Promise.resolve({ id: "not-a-uuid" }) });
    expect(await errorOf(res)).toMatchObject({ status: 404, code: "not_found" });
  });

  it("answers 400 with field errors for a bad query", async () => {
    const handler = route({ query: zodParser(z.object({ page: z.string().regex(/^\d+$/, "Must be a whole number.") }), "query") }, async ({ query }) => json(query));
    const bad = await handler(req("GET", { url: "http://app.test/x?page=abc" }));
    expect(await errorOf(bad)).toMatchObject({ status: 400, code: "invalid_query", fields: { page: "Must be a whole number." } });
    const good = await handler(req("GET", { url: "http://app.test/x?page=3" }));
    expect(await good.json()).toEqual({ page: "3" });
  });

  it("turns an ApiError thrown by the handler into its status, with extra members", async () => {
    const handler = route({}, async () => {
      throw new ApiError("version_conflict", "Changed.", { version: "Now 3." }, { currentVersion: 3 });
    });
    const res = await handler(req("GET"));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "version_conflict", message: "Changed.", fields: { version: "Now 3." }, currentVersion: 3 } });
  });

  it("answers an unexpected exception with a bare 500, reported, without its message", async () => {
    const report = vi.fn();
    const handler = routeWith({ user: alice, via: "token" }, report)({}, async () => {
      throw new Error("relation users does not exist at 10.0.0.3");
    });
    const res = await handler(req("GET"));
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(body).not.toContain("10.0.0.3");
    expect(report).toHaveBeenCalledOnce();
  });
});

describe("helpers", () => {
  it("queryObject keeps repeated keys as arrays", () => {
    expect(queryObject(new URL("http://x/?a=1&b=2&b=3&c="))).toEqual({ a: "1", b: ["2", "3"], c: "" });
  });

  it("isJsonContentType", () => {
    expect(isJsonContentType("Application/JSON")).toBe(true);
    expect(isJsonContentType("application/problem+json")).toBe(true);
    expect(isJsonContentType("text/json")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });

  it("isSameOrigin compares hosts case-insensitively", () => {
    expect(isSameOrigin(new Request("http://x/", { headers: { host: "App.Test", origin: "http://app.test" } }))).toBe(true);
  });
});

describe("tokens", () => {
  it("generates rct_ tokens of 32 random bytes, stores only a hash and a prefix", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBe(10);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken(a.token.slice(0, -1))).toBe(false);
  });

  it("reads the Bearer header", () => {
    expect(bearerToken(null)).toBe("");
    expect(bearerToken("Bearer rct_abc")).toBe("rct_abc");
    expect(bearerToken("bearer   rct_abc ")).toBe("rct_abc");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
  });
});
