/**
 * Holders for HTTP-level tests, made through the app's own paths: sign-up and API tokens via
 * their server actions, data via the API v1 with the token. Nothing goes through a back door.
 */
import { type ActionRef, HttpClient, type Reply } from "./http";

export const PASSWORD = "correct horse battery staple";

export type Holder = { name: string; email: string; password: string; client: HttpClient; token: string; api: HttpClient };

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${process.pid}@example.com`;
}

/**
 * The rows of an RSC (flight) answer: "<id>:<json>\n", or "<id>:T<hex byte length>,<text>" for
 * long strings, which carry no newline (so a row can start mid-line after one).
 */
export function flightRows(text: string): Map<string, string> {
  const bytes = Buffer.from(text, "utf8");
  const out = new Map<string, string>();
  let i = 0;
  while (i < bytes.length) {
    const colon = bytes.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = bytes.subarray(i, colon).toString("utf8");
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(0x2c, colon);
      const length = Number.parseInt(bytes.subarray(colon + 2, comma).toString("utf8"), 16);
      out.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString("utf8")));
      i = comma + 1 + length;
    } else {
      const nl = bytes.indexOf(0x0a, colon);
      const end = nl < 0 ? bytes.length : nl;
      out.set(id, bytes.subarray(colon + 1, end).toString("utf8"));
      i = end + 1;
    }
  }
  return out;
}

/** The value a server action returned, from its RSC answer (row 0 names the row that holds it). */
export function actionResult(reply: Reply): unknown {
  const rows = flightRows(reply.text);
  const root = rows.get("0");
  if (root === undefined) return undefined;
  let ref: string | undefined;
  try {
    const parsed = JSON.parse(root) as { a?: unknown };
    ref = typeof parsed.a === "string" && parsed.a.startsWith("$@") ? parsed.a.slice(2) : undefined;
    if (ref === undefined) return parsed.a;
  } catch {
    return undefined;
  }
  const row = rows.get(ref);
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row) as unknown;
  } catch {
    return row;
  }
}

export type Actions = Record<string, ActionRef>;

export function byKey(actions: (ActionRef & { key: string })[]): Actions {
  return Object.fromEntries(actions.map((a) => [a.key, a]));
}

export const A = {
  signUp: "app/(auth)/actions.ts#signUpAction",
  signIn: "app/(auth)/actions.ts#signInAction",
  createToken: "app/(app)/settings/tokens-actions.ts#createTokenAction",
} as const;

function need(actions: Actions, key: string): ActionRef {
  const a = actions[key];
  if (!a) throw new Error(`server action ${key} is not in the build`);
  return a;
}

/** Signs up through the sign-up form's action; the client ends up with the session cookie. */
export async function signUpHolder(
  baseUrl: string,
  actions: Actions,
  opts: { name?: string; email?: string; password?: string; timezone?: string } = {},
): Promise<{ client: HttpClient; email: string; password: string; name: string }> {
  const client = new HttpClient(baseUrl);
  const name = opts.name ?? "Dana Holder";
  const email = opts.email ?? uniqueEmail("holder");
  const password = opts.password ?? PASSWORD;
  const reply = await client.action(need(actions, A.signUp), "/sign-up", {
    name,
    email,
    password,
    confirmPassword: password,
    timezone: opts.timezone ?? "UTC",
  });
  if (![...client.cookies.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`sign-up of ${email} gave no session (status ${reply.status}): ${JSON.stringify(actionResult(reply))}`);
  }
  return { client, email, password, name };
}

/** Signs in through the sign-in form's action (a correct password: never a failed attempt). */
export async function signInHolder(baseUrl: string, actions: Actions, email: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const reply = await client.action(need(actions, A.signIn), "/sign-in", { email, password });
  if (![...client.cookies.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`sign-in of ${email} gave no session (status ${reply.status}): ${JSON.stringify(actionResult(reply))}`);
  }
  return client;
}

/** Creates a personal access token in Settings; returns the token shown once. */
export async function createToken(client: HttpClient, actions: Actions, name = "Test script"): Promise<string> {
  const reply = await client.action(need(actions, A.createToken), "/settings", { name });
  const token = /rct_[A-Za-z0-9_-]{43}/.exec(reply.text)?.[0];
  if (!token) throw new Error(`no token in the answer (status ${reply.status}): ${reply.text.slice(0, 300)}`);
  return token;
}

/** A holder with a session (client) and an API token (api: a client that sends only the token). */
export async function newHolder(baseUrl: string, actions: Actions, opts: { name?: string; email?: string; password?: string } = {}): Promise<Holder> {
  const { client, email, password, name } = await signUpHolder(baseUrl, actions, opts);
  const token = await createToken(client, actions);
  const api = new HttpClient(baseUrl, { authorization: `Bearer ${token}` });
  return { name, email, password, client, token, api };
}

/** The body of a JSON reply, or a clear failure. */
export function body<T = Record<string, unknown>>(reply: Reply, status?: number | number[]): T {
  const ok = status === undefined ? reply.status < 300 : (Array.isArray(status) ? status : [status]).includes(reply.status);
  if (!ok) throw new Error(`unexpected status ${reply.status}: ${reply.text.slice(0, 500)}`);
  return (reply.text === "" ? {} : JSON.parse(reply.text)) as T;
}

export const training = (over: Record<string, unknown> = {}) => ({
  typeId: "attend_training",
  title: "Chapter workshop on demand planning",
  provider: "ASCM Chapter 12",
  startDate: "2024-03-10",
  quantity: 6,
  ...over,
});

/** A small valid PDF (magic bytes and an EOF marker are what the sniffer looks for). */
export const TINY_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Uploads evidence as the web page does (session cookie, same origin). */
export function uploadEvidence(client: HttpClient, activityId: string, file: Blob, fileName: string, headers: Record<string, string> = {}): Promise<Reply> {
  const form = new FormData();
  form.append("file", file, fileName);
  return client.request(`/api/evidence?activityId=${encodeURIComponent(activityId)}`, {
    method: "POST",
    headers: { origin: client.origin, ...headers },
    body: form,
  });
}
