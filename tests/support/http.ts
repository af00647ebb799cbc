/**
 * A small HTTP client for security and reliability tests: a cookie jar, no redirects followed,
 * and server actions called the way Next's client calls them (POST to a page with the
 * `Next-Action` header and the arguments as a React "reply" multipart body).
 */
import fs from "node:fs";
import path from "node:path";

export type Reply = { status: number; headers: Headers; text: string; ms: number };

export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    /** Sent on every request unless overridden (e.g. Origin, Authorization). */
    readonly defaults: Record<string, string> = {},
  ) {}

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A copy with the same cookies (a second tab, or an attacker holding a copy). */
  clone(defaults: Record<string, string> = this.defaults): HttpClient {
    const c = new HttpClient(this.baseUrl, defaults);
    for (const [k, v] of this.cookies) c.cookies.set(k, v);
    return c;
  }

  async request(
    pathOrUrl: string,
    init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null; cookies?: boolean; signal?: AbortSignal } = {},
  ): Promise<Reply> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const headers: Record<string, string> = { ...this.defaults, ...(init.headers ?? {}) };
    if (init.cookies !== false && this.cookies.size > 0 && !("cookie" in headers)) headers.cookie = this.cookieHeader();
    for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
    const started = performance.now();
    const res = await fetch(url, { method: init.method ?? "GET", headers, body: init.body ?? undefined, redirect: "manual", signal: init.signal });
    const text = await res.text();
    const ms = performance.now() - started;
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, text, ms };
  }

  get(p: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(p, { headers });
  }

  json(method: string, p: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(p, {
      method,
      headers: { "content-type": "application/json", origin: this.origin, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Calls a server action; see actionBody. `page` is a page that uses it (Next forwards otherwise). */
  action(action: ActionRef, page: string, fields: ActionFields, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(page, {
      method: "POST",
      headers: { "next-action": action.id, accept: "text/x-component", origin: this.origin, ...headers },
      body: actionBody(action, fields),
    });
  }
}

export type ActionFields = Record<string, string | Blob | (string | Blob)[]>;

export type ActionRef = { id: string; filename: string; exportedName: string; pages: string[] };

/**
 * Whether an action uses its argument `index` (0-5), from its id: Next encodes a type bit, a
 * 6-bit mask of the arguments the function uses (first argument = highest bit), and a
 * rest-arguments bit in the id's first byte (next/dist/shared/lib/server-reference-info.js).
 */
export function actionUsesArg(id: string, index: number): boolean {
  const byte = Number.parseInt(id.slice(0, 2), 16);
  const mask = (byte >> 1) & 0x3f;
  return ((mask >> (5 - index)) & 1) === 1;
}

/**
 * The body Next's client sends for `action(prevState, formData)` (useActionState) or
 * `action(formData)`: a multipart form whose field "0" is the JSON argument list, where "$K1"
 * refers to the FormData whose entries come before it under the "_1_" prefix (React 19.3's
 * processReply; older Reacts used "1_").
 */
export function actionBody(action: ActionRef, fields: ActionFields): FormData {
  const args = actionUsesArg(action.id, 1) ? [{ status: "idle" }, "$K1"] : ["$K1"];
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(`_1_${k}`, one);
  }
  // The root goes last, as React's client sends it: the server resolves it as soon as it is read.
  body.append("0", JSON.stringify(args));
  return body;
}

/** Where an action's answer sent the browser (redirect() inside the action), if anywhere. */
export function actionRedirect(reply: Reply): string | null {
  const header = reply.headers.get("x-action-redirect");
  if (header) return header.split(";")[0] ?? header;
  const location = reply.headers.get("location");
  return location ?? null;
}

/** Every server action of a build, from <distDir>/server/server-reference-manifest.json. */
export function loadActions(distDir = process.env.NEXT_DIST_DIR ?? ".next"): ActionRef[] {
  const file = path.join(process.cwd(), distDir, "server", "server-reference-manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the app first (next build)`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? "(unknown file)",
    exportedName: entry.exportedName ?? "(unknown export)",
    pages: Object.keys(entry.workers)
      .filter((w) => w.startsWith("app/") && w.endsWith("/page"))
      .map((w) => pagePathOf(w.slice("app/".length, -"/page".length))),
  }));
}

/** "(app)/summary/[certificationId]" → "/summary/[certificationId]" (route groups vanish from the URL). */
export function pagePathOf(dir: string): string {
  const parts = dir.split("/").filter((p) => p && !/^\(.*\)$/.test(p) && !p.startsWith("@"));
  return `/${parts.join("/")}`;
}

export function findAction(actions: ActionRef[], filename: string, exportedName: string): ActionRef {
  const found = actions.find((a) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`server action ${filename}#${exportedName} not in the build`);
  return found;
}

/**
 * A request written with node:http, chunk by chunk, that still reads the answer when the server
 * answers early and drops the connection while the body is being sent (an oversize upload refused
 * on its declared length): fetch reports only ECONNRESET then.
 */
export function rawRequest(url: string, opts: { method: string; headers: Record<string, string>; chunks: Uint8Array[] }): Promise<Reply> {
  return import("node:http").then(
    (http) =>
      new Promise<Reply>((resolve, reject) => {
        const started = performance.now();
        const req = http.request(url, { method: opts.method, headers: opts.headers }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("error", () => {});
          res.on("end", () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
            resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(parts).toString("utf8"), ms: performance.now() - started });
          });
        });
        let answered = false;
        req.on("response", () => (answered = true));
        req.on("error", (err) => {
          if (!answered) reject(err);
        });
        (async () => {
          for (const chunk of opts.chunks) {
            if (req.destroyed || answered) break;
            if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          }
          req.end();
        })().catch(() => {});
      }),
  );
}
