/**
 * The JSON API's request pipeline, free of Next and the database so it can be tested alone:
 * authenticate → refuse cross-site cookie writes → parse params, query and body → call → respond.
 * lib/api/route.ts binds it to the real authentication (API token or session cookie).
 *
 * Every failure is `{ "error": { "code", "message", "fields" } }` with a 4xx status; an
 * unexpected exception is logged and answered with a bare 500 that says nothing internal.
 */
import type { z } from "zod";

export type ApiErrorCode =
  | "invalid_json"
  | "invalid_query"
  | "invalid_file"
  | "unauthorized"
  | "forbidden_origin"
  | "not_found"
  | "version_conflict"
  | "already_exists"
  | "not_empty"
  | "payload_too_large"
  | "unsupported_media_type"
  | "validation_failed"
  | "internal_error";

export const STATUS: Record<ApiErrorCode, number> = {
  invalid_json: 400,
  invalid_query: 400,
  invalid_file: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  not_empty: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  internal_error: 500,
};

export type FieldErrors = Record<string, string>;

/** A failure the client can act on. Throw it from a handler; the wrapper turns it into the response. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
    /** More members of the error object, e.g. the current version on a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", `No such ${what}.`);

const NO_STORE = { "cache-control": "no-store" };

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { ...NO_STORE, ...headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

export function errorResponse(err: ApiError): Response {
  const headers: Record<string, string> = err.code === "unauthorized" ? { "www-authenticate": 'Bearer realm="recert"' } : {};
  return json({ error: { code: err.code, message: err.message, fields: err.fields, ...err.extra } }, err.status, headers);
}

// ---------------------------------------------------------------------------------------------
// Parsers: a function from unknown input to a value or field errors (zod or hand-written).
// ---------------------------------------------------------------------------------------------

export type ParseResult<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors; message?: string };
export type Parser<T> = (raw: unknown) => ParseResult<T>;

/** First message per field, keyed by the dotted path ("details.creditHours"); a root problem goes to "body". */
export function zodFieldErrors(error: z.ZodError, rootKey = "body"): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || rootKey;
    out[key] ??= issue.message;
  }
  return out;
}

export function zodParser<S extends z.ZodType>(schema: S, rootKey = "body"): Parser<z.output<S>> {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fields: zodFieldErrors(parsed.error, rootKey) };
  };
}

/** Query string → { key: value } (a repeated key → its values as an array). */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? "") : all;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Request checks
// ---------------------------------------------------------------------------------------------

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie-authenticated write must come from this site (ASVS 3.5.1): the browser's Origin must
 * name this host. Without an Origin, only Sec-Fetch-Site: same-origin is accepted. Route
 * handlers get no CSRF protection from Next, and a cross-site text/plain form can carry JSON.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null || origin === "null") return origin === null && request.headers.get("sec-fetch-site") === "same-origin";
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0]?.trim()]
    .filter((h): h is string => Boolean(h))
    .map((h) => h.toLowerCase());
  return hosts.includes(originHost);
}

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Reads at most `max` bytes of the body; null when it is larger. */
export async function readBodyLimited(request: Request, max: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The JSON body of a write request, or the ApiError that says what is wrong with it. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.", {
      "content-type": "Use application/json.",
    });
  }
  const bytes = await readBodyLimited(request, maxBytes);
  if (bytes === null) {
    throw new ApiError("payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KB.`, {
      body: `Send at most ${Math.round(maxBytes / 1024)} KB.`,
    });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid UTF-8.", { body: "Encode the body as UTF-8." });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : "unreadable";
    throw new ApiError("invalid_json", "The body is not valid JSON.", { body: `Not valid JSON (${detail.slice(0, 120)}).` });
  }
}

// ---------------------------------------------------------------------------------------------
// The wrapper
// ---------------------------------------------------------------------------------------------

export type AuthVia = "token" | "session";
/** null: nobody; "invalid_token": a Bearer token was sent and is not (or no longer) valid. */
export type Authenticate<U> = (request: Request) => Promise<{ user: U; via: AuthVia } | null | "invalid_token">;

export type RouteContext<U, B, Q, P> = {
  request: Request;
  user: U;
  via: AuthVia;
  body: B;
  query: Q;
  params: P;
};

export type RouteOptions<B, Q, P> = {
  body?: Parser<B>;
  query?: Parser<Q>;
  params?: Parser<P>;
  maxBodyBytes?: number;
};

/** What Next passes as the second argument of a route handler. */
export type NextRouteArg = { params: Promise<unknown> };

export type ApiDeps<U> = {
  authenticate: Authenticate<U>;
  /** Where unexpected exceptions are reported (console.error by default). */
  report?: (err: unknown, request: Request) => void;
};

function requireParsed<T>(parser: Parser<T>, raw: unknown, code: "validation_failed" | "invalid_query" | "not_found"): T {
  const result = parser(raw);
  if (result.ok) return result.value;
  if (code === "not_found") throw notFound();
  const message = result.message ?? (code === "invalid_query" ? "Some query parameters are not valid." : "Some fields are not valid.");
  throw new ApiError(code, message, result.fields);
}

export function createApiRoute<U>(deps: ApiDeps<U>) {
  const report = deps.report ?? ((err: unknown) => console.error("[api]", err instanceof Error ? (err.stack ?? err.message) : err));
  return function route<B = undefined, Q = undefined, P = undefined>(
    opts: RouteOptions<B, Q, P>,
    handler: (ctx: RouteContext<U, B, Q, P>) => Promise<Response>,
  ): (request: Request, arg?: NextRouteArg) => Promise<Response> {
    return async (request, arg) => {
      try {
        const auth = await deps.authenticate(request);
        if (auth === "invalid_token") throw new ApiError("unauthorized", "The API token is not valid or was revoked.");
        if (!auth) throw new ApiError("unauthorized", "Sign in or send an API token: Authorization: Bearer <token>.");
        if (auth.via === "session" && !SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOrigin(request)) {
          throw new ApiError("forbidden_origin", "Cross-site requests with a session cookie are refused. Use an API token.", {
            origin: "Must be this site.",
          });
        }
        const params = opts.params ? requireParsed(opts.params, (await arg?.params) ?? {}, "not_found") : (undefined as P);
        const query = opts.query ? requireParsed(opts.query, queryObject(new URL(request.url)), "invalid_query") : (undefined as Q);
        let body = undefined as B;
        if (opts.body) {
          const raw = await readJsonBody(request, opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
          if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
            throw new ApiError("validation_failed", "Send a JSON object.", { body: "Must be a JSON object." });
          }
          body = requireParsed(opts.body, raw, "validation_failed");
        }
        return await handler({ request, user: auth.user, via: auth.via, body, query, params });
      } catch (err) {
        if (err instanceof ApiError) return errorResponse(err);
        report(err, request);
        return json({ error: { code: "internal_error", message: "Something went wrong on our side. Please try again later.", fields: {} } }, 500);
      }
    };
  };
}
