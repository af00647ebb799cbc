/**
 * Bad input, generated (ASVS 2.2.1, 5.2; reference R9, R11): hundreds of wrong values sent through
 * every way in — the forms' server actions, CSV import rows, evidence uploads (wrong magic bytes,
 * oversize, empty, HTML or SVG dressed as PDF, polyglots) and API bodies, queries and imports.
 * Every case must get a 4xx (or a form state "error") with a message a person can act on, never
 * a 5xx, and nothing may be written: the holder's full snapshot is the same before and after each
 * group, and at the end the database has no orphan evidence rows or blobs.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Actions, actionResult, body, byKey, type Holder, newHolder, TINY_PDF, training } from "../../support/holders";
import { type ActionFields, HttpClient, rawRequest, type Reply } from "../../support/http";
import { type DbKind, type OwnApp, rows, startOwnApp } from "../../support/own-app";
import { discoverActions } from "../../support/routes";
import { type Seeded, seedHolder, snapshot } from "../../support/scene";

const KIND = inject("e2eDb") as DbKind;

const tally: Record<string, number> = {};
const problems: string[] = [];

function count(group: string): void {
  tally[group] = (tally[group] ?? 0) + 1;
}

/** A JSON API answer to bad input: a 4xx with { error: { code, message, fields } } and a message. */
function expectApiRefusal(group: string, label: string, r: Reply, opts: { fieldLevel?: boolean } = {}): void {
  count(group);
  if (r.status >= 500) return void problems.push(`${group} ${label}: HTTP ${r.status} (server error)`);
  if (r.status < 400) return void problems.push(`${group} ${label}: accepted (HTTP ${r.status}) ${r.text.slice(0, 160)}`);
  let err: { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  try {
    err = (JSON.parse(r.text) as { error?: typeof err }).error;
  } catch {
    return void problems.push(`${group} ${label}: HTTP ${r.status} without a JSON error body: ${r.text.slice(0, 120)}`);
  }
  if (!err || typeof err.code !== "string" || typeof err.message !== "string" || err.message.trim().length < 8) {
    return void problems.push(`${group} ${label}: HTTP ${r.status} without a clear message: ${r.text.slice(0, 160)}`);
  }
  if (opts.fieldLevel) {
    const fields = (err.fields ?? {}) as Record<string, unknown>;
    const messages = Object.values(fields).filter((m) => typeof m === "string" && m.trim().length >= 5);
    if (messages.length === 0) problems.push(`${group} ${label}: no field message (${r.text.slice(0, 160)})`);
  }
}

/** A form's answer to bad input: state "error" with a message or field messages. */
function expectFormRefusal(group: string, label: string, r: Reply): void {
  count(group);
  if (r.status >= 500) return void problems.push(`${group} ${label}: HTTP ${r.status} (server error)`);
  const result = actionResult(r) as { status?: string; message?: string; fieldErrors?: Record<string, string> } | undefined;
  if (!result || result.status !== "error") return void problems.push(`${group} ${label}: not refused: ${JSON.stringify(result)?.slice(0, 200)}`);
  const messages = [result.message ?? "", ...Object.values(result.fieldErrors ?? {})].filter((m) => m.trim().length >= 5);
  if (messages.length === 0) problems.push(`${group} ${label}: refused without a message`);
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const LONG = (n: number) => "x".repeat(n);

/** Wrong values per activity field, as JSON values (the API) — each must be refused on its own. */
const ACTIVITY_BAD: Record<string, [string, unknown][]> = {
  typeId: [
    ["empty", ""],
    ["unknown", "time_travel"],
    ["number", 42],
    ["null", null],
    ["array", ["attend_training"]],
    ["markup", "<script>alert(1)</script>"],
    ["sql", "attend_training' OR '1'='1"],
  ],
  title: [
    ["empty", ""],
    ["blank", "   "],
    ["201 characters", LONG(201)],
    ["20,000 characters", LONG(20_000)],
    ["number", 7],
    ["null", null],
    ["object", { a: 1 }],
  ],
  startDate: [
    ["empty", ""],
    ["30 February", "2024-02-30"],
    ["month 13", "2024-13-01"],
    ["day 0", "2024-03-00"],
    ["two-digit year", "24-03-10"],
    ["slashes", "2024/03/10"],
    ["US order", "03/10/2024"],
    ["with time", "2024-03-10T10:00:00Z"],
    ["words", "yesterday"],
    ["number", 20240310],
    ["null", null],
    ["year 0", "0000-01-01"],
  ],
  endDate: [
    ["before the start", "2024-03-01"],
    ["31 April", "2024-04-31"],
    ["words", "soon"],
    ["number", 5],
  ],
  quantity: [
    ["negative", -1],
    ["words", "six"],
    ["not in half hours", 0.3],
    ["object", { hours: 6 }],
    ["array", [6]],
    ["boolean", true],
  ],
  manualPoints: [
    ["negative", -5],
    ["words", "lots"],
    ["huge", 1e9],
    ["three decimals", 1.234],
    ["without a reason", 5],
  ],
  manualReason: [["without points", "Because"]],
  packId: [
    ["unknown issuer", "acme"],
    ["number", 1],
    ["21 characters", LONG(21)],
  ],
  provider: [
    ["object", { name: "ASCM" }],
    ["too long", LONG(20_000)],
  ],
  notes: [
    ["too long", LONG(100_001)],
    ["number", 3],
  ],
  details: [
    ["array", [1, 2]],
    ["string", "details"],
  ],
  excludedCertificationIds: [
    ["not ids", ["not-a-uuid"]],
    ["someone else's id", ["00000000-0000-4000-8000-000000000000"]],
    ["string", "CPIM"],
    ["numbers", [1, 2]],
  ],
};

/** The same as form text (what a tampered browser form can send): only values a form can carry. */
function formBadValues(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [field, values] of Object.entries(ACTIVITY_BAD)) {
    for (const [label, value] of values) {
      if (typeof value === "string" && !(field === "excludedCertificationIds")) out.push([field, label, value]);
      else if (typeof value === "number" && !["typeId", "title", "startDate", "endDate", "packId", "provider", "notes"].includes(field)) out.push([field, label, String(value)]);
    }
  }
  return out;
}

/**
 * Random wrong values (fast-check, fixed seed so a failure replays): a field and a value that
 * cannot be right for it — text that is not a date, impossible calendar days, negative or
 * off-step hours, over-long text, wrong JSON types.
 */
const SEED = 7_215_7;
const notADate = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((t) => !/^\d{4}-\d{2}-\d{2}$/.test(t.trim())),
  fc.record({ y: fc.integer({ min: 1990, max: 2030 }), m: fc.integer({ min: 13, max: 99 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${m}-${String(d).padStart(2, "0")}`),
  // Days that do not exist: the 31st of a 30-day month, 30 or 31 February.
  fc.record({ y: fc.integer({ min: 1990, max: 2030 }), m: fc.constantFrom(4, 6, 9, 11) }).map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}-31`),
  fc.record({ y: fc.integer({ min: 1990, max: 2030 }), d: fc.constantFrom(30, 31) }).map(({ y, d }) => `${y}-02-${d}`),
);
const wrongType = fc.oneof(fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));
const randomBadActivityFields = fc.oneof(
  fc.tuple(fc.constant("startDate"), notADate),
  fc.tuple(fc.constant("endDate"), notADate),
  fc.tuple(fc.constant("quantity"), fc.double({ min: -1e6, max: -0.01, noNaN: true })),
  fc.tuple(fc.constant("quantity"), fc.integer({ min: 1, max: 400 }).map((n) => n + 0.1)),
  fc.tuple(fc.constant("title"), fc.string({ minLength: 201, maxLength: 400 }).filter((t) => t.trim().length > 200)),
  fc.tuple(fc.constant("title"), fc.constantFrom("", "  ", "\t\n")),
  fc.tuple(fc.constant("typeId"), fc.string({ minLength: 1, maxLength: 20 }).filter((t) => !/^[a-z_]+$/.test(t))),
  fc.tuple(fc.constant("manualPoints"), fc.double({ min: -1e5, max: -0.01, noNaN: true })),
  fc.tuple(fc.constantFrom("startDate", "title", "typeId", "quantity", "notes"), wrongType),
  fc.tuple(fc.constant("details"), fc.oneof(fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.string({ minLength: 1, maxLength: 8 }))),
);

/** Files that must never be accepted as evidence, and why. */
function badFiles(): [string, Uint8Array<ArrayBuffer>][] {
  const enc = (s: string) => new TextEncoder().encode(s);
  const bytes = (...b: number[]) => new Uint8Array(b);
  const pad = (head: Uint8Array, size = 2048): Uint8Array<ArrayBuffer> => {
    const out = new Uint8Array(size);
    out.set(head);
    for (let i = head.length; i < size; i++) out[i] = (i * 31) % 251;
    return out;
  };
  return [
    ["empty", new Uint8Array(0)],
    ["random bytes", pad(bytes(0x13, 0x37, 0x00, 0x42))],
    ["HTML page", enc("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")],
    ["HTML without doctype", enc("<html><head><title>x</title></head><body onload=alert(1)></body></html>")],
    ["HTML with a BOM", enc("\uFEFF<html><script>alert(1)</script></html>")],
    ["HTML in UTF-16", new Uint8Array([0xff, 0xfe, ...Array.from(enc("<html><script>alert(1)</script></html>")).flatMap((c) => [c, 0])])],
    ["SVG with a script", enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["SVG with an XML prolog", enc('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["PDF header then HTML (polyglot)", enc("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n")],
    ["PDF header then SVG (polyglot)", enc("%PDF-1.7\n<svg onload=alert(1)>\n%%EOF\n")],
    ["truncated PDF (no end marker)", enc("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n")],
    ["ZIP archive", pad(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))],
    ["Word document", pad(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))],
    ["Windows program", pad(bytes(0x4d, 0x5a, 0x90, 0x00))],
    ["GIF image", pad(enc("GIF89a"))],
    ["TIFF image", pad(bytes(0x49, 0x49, 0x2a, 0x00))],
    ["plain text", enc("These are my notes from the workshop.\n")],
    ["JSON", enc('{"evidence": true}')],
    ["PNG signature only", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  ];
}

describe("bad input is refused with a message, and nothing is written", () => {
  let own: OwnApp;
  let actions: Actions;
  let holder: Seeded;
  let empty: Holder;

  beforeAll(async () => {
    own = await startOwnApp(KIND, "bad-input");
    actions = byKey(discoverActions());
    holder = await seedHolder(own.app.baseUrl, actions, { tag: "BADINPUT", secret: own.secret });
    empty = await newHolder(own.app.baseUrl, actions, { name: "Empty Account" });
  }, 180_000);

  afterAll(async () => {
    await own?.cleanup();
  });

  /** Runs a group and checks that the holder's data did not change. */
  async function group(name: string, who: Holder, run: () => Promise<void>): Promise<void> {
    const before = await snapshot(who);
    await run();
    if ((await snapshot(who)) !== before) problems.push(`${name}: the holder's data changed (a partial write)`);
  }

  function act(key: string) {
    const a = actions[key];
    if (!a) throw new Error(`no action ${key}`);
    return a;
  }

  it("API bodies, queries and imports", async () => {
    const api = holder.api;
    await group("API POST /api/v1/activities", holder, async () => {
      for (const [field, values] of Object.entries(ACTIVITY_BAD)) {
        for (const [label, value] of values) {
          const draft: Record<string, unknown> = { ...training(), [field]: value };
          if (field === "manualReason") delete draft.manualPoints;
          expectApiRefusal("api", `activity ${field} ${label}`, await api.json("POST", "/api/v1/activities", draft), { fieldLevel: true });
        }
      }
      // Missing required members, one at a time.
      for (const field of ["typeId", "title", "startDate"]) {
        const draft: Record<string, unknown> = training();
        delete draft[field];
        expectApiRefusal("api", `activity without ${field}`, await api.json("POST", "/api/v1/activities", draft), { fieldLevel: true });
      }
      for (const [field, value] of fc.sample(randomBadActivityFields, { numRuns: 150, seed: SEED })) {
        expectApiRefusal("api", `activity ${field} = ${JSON.stringify(value).slice(0, 30)} (generated)`, await api.json("POST", "/api/v1/activities", { ...training(), [field]: value }), { fieldLevel: true });
      }
      // Bodies that are not an activity at all.
      const raw = (label: string, text: string, type = "application/json") =>
        api.request("/api/v1/activities", { method: "POST", headers: { "content-type": type }, body: text }).then((r) => expectApiRefusal("api", label, r));
      await raw("empty body", "");
      await raw("not JSON", "{typeId: attend_training");
      await raw("JSON array", "[]");
      await raw("JSON string", '"activity"');
      await raw("JSON null", "null");
      await raw("JSON number", "42");
      await raw("trailing garbage", `${JSON.stringify(training())}xyz`);
      await raw("deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`);
      await raw("text/plain", JSON.stringify(training()), "text/plain");
      await raw("form encoded", "typeId=attend_training&title=x", "application/x-www-form-urlencoded");
      await raw("no content type", JSON.stringify(training()), "");
      await raw("larger than 64 KB", JSON.stringify({ ...training(), notes: LONG(70_000) }));
      const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
      expectApiRefusal("api", "invalid UTF-8", await api.request("/api/v1/activities", { method: "POST", headers: { "content-type": "application/json" }, body: invalidUtf8 }));
    });

    await group("API PATCH /api/v1/activities/[id]", holder, async () => {
      const path = `/api/v1/activities/${holder.ids.activity}`;
      const v = holder.ids.activityVersion;
      const cases: [string, unknown][] = [
        ["no version", { title: "New" }],
        ["version 0", { version: 0, title: "New" }],
        ["version as text", { version: String(v), title: "New" }],
        ["fractional version", { version: 1.5, title: "New" }],
        ["stale version", { version: v + 99, title: "New" }],
        ["empty title", { version: v, title: "" }],
        ["bad date", { version: v, startDate: "2024-02-31" }],
        ["negative quantity", { version: v, quantity: -2 }],
        ["unknown type", { version: v, typeId: "nonsense" }],
        ["end before start", { version: v, endDate: "2000-01-01" }],
      ];
      for (const [label, payload] of cases) expectApiRefusal("api", `PATCH ${label}`, await api.json("PATCH", path, payload));
      expectApiRefusal("api", "PATCH a malformed id", await api.json("PATCH", "/api/v1/activities/not-an-id", { version: 1, title: "x" }));
      expectApiRefusal("api", "DELETE a malformed id", await api.request("/api/v1/activities/%00%ff", { method: "DELETE" }));
      // Broken percent-encodings in a path: a 400, on pages and API routes alike.
      for (const path of ["/api/v1/activities/%ff", "/api/v1/activities/%E0%A4%A", "/api/evidence/%c0%af", "/api/summary/%ff/pdf", "/api/calendar/%c0.ics", "/api/unsubscribe/%ff"]) {
        expectApiRefusal("api", `path ${path}`, await api.get(path));
      }
      for (const path of ["/activities/%ff", "/summary/%E0%A4%A", "/unsubscribe/%c0"]) {
        const r = await holder.client.get(path);
        count("api");
        if (r.status !== 400 || r.text.length < 10) problems.push(`page ${path}: HTTP ${r.status} ${r.text.slice(0, 80)}`);
      }
    });

    await group("API POST /api/v1/certifications", holder, async () => {
      const cases: [string, Record<string, unknown>][] = [
        ["no code", { earnedDate: "2023-01-01" }],
        ["empty code", { credentialCode: "", earnedDate: "2023-01-01" }],
        ["unknown code", { credentialCode: "XYZ", earnedDate: "2023-01-01" }],
        ["code as number", { credentialCode: 5, earnedDate: "2023-01-01" }],
        ["unknown issuer", { packId: "acme", credentialCode: "CPIM", earnedDate: "2023-01-01" }],
        ["future earned date", { credentialCode: "CSCP", earnedDate: "2999-01-01" }],
        ["impossible date", { credentialCode: "CSCP", earnedDate: "2023-02-29" }],
        ["no date", { credentialCode: "CSCP" }],
        ["holder id with symbols", { credentialCode: "CSCP", earnedDate: "2023-01-01", holderId: "<b>1</b>" }],
        ["holder id 41 characters", { credentialCode: "CSCP", earnedDate: "2023-01-01", holderId: LONG(41) }],
        ["already held", { credentialCode: "CPIM", earnedDate: "2022-03-10" }],
      ];
      for (const [label, payload] of cases) expectApiRefusal("api", `certification ${label}`, await api.json("POST", "/api/v1/certifications", payload), { fieldLevel: label !== "already held" });
    });

    await group("API queries", holder, async () => {
      const queries = [
        "from=2024-02-30",
        "to=tomorrow",
        "from=2024-05-01&to=2024-01-01",
        "page=0",
        "page=-1",
        "page=abc",
        "pageSize=201",
        "pageSize=1.5",
        "sort=random",
        "missingEvidence=maybe",
        "certification=not-a-uuid",
        `q=${LONG(201)}`,
        "pack=" + LONG(21),
      ];
      for (const q of queries) expectApiRefusal("api", `list ?${q.slice(0, 40)}`, await api.get(`/api/v1/activities?${q}`), { fieldLevel: true });
      for (const q of ["asOf=2024-13-01", "asOf=now"]) {
        expectApiRefusal("api", `progress ?${q}`, await api.get(`/api/v1/certifications/${holder.ids.certification}/progress?${q}`), { fieldLevel: true });
      }
      expectApiRefusal("api", "export ?format=xml", await api.get("/api/account/export?format=xml"), { fieldLevel: true });
      expectApiRefusal("api", "summary ?cycle=-3", await api.get(`/api/summary/${holder.ids.certification}/pdf?cycle=-3`));
    });

    await group("API POST /api/account/import", empty, async () => {
      const send = (label: string, payload: BodyInit, type: string) =>
        empty.api.request("/api/account/import", { method: "POST", headers: type ? { "content-type": type } : {}, body: payload }).then((r) => expectApiRefusal("import", label, r));
      const good = body<Record<string, unknown>>(await holder.api.get("/api/account/export"));
      const broken = (mutate: (d: Record<string, unknown>) => void) => {
        const copy = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
        mutate(copy);
        return JSON.stringify(copy);
      };
      await send("empty body", "", "application/json");
      await send("not JSON", "{{{", "application/json");
      await send("a JSON array", "[]", "application/json");
      await send("another format", JSON.stringify({ format: "something.else", version: 1 }), "application/json");
      await send("a future version", broken((d) => (d.version = 99)), "application/json");
      await send("no profile", broken((d) => delete d.profile), "application/json");
      await send("activities not a list", broken((d) => (d.activities = "many")), "application/json");
      await send("an impossible activity date", broken((d) => ((d.activities as Record<string, unknown>[])[0]!.startDate = "2024-02-30")), "application/json");
      await send("an unknown activity type", broken((d) => ((d.activities as Record<string, unknown>[])[0]!.typeId = "time_travel")), "application/json");
      await send("a certification of an unknown issuer", broken((d) => ((d.certifications as Record<string, unknown>[])[0]!.packId = "acme")), "application/json");
      await send("negative opening points", broken((d) => (((d.certifications as Record<string, unknown>[])[0]!.openingBalances as Record<string, unknown>[])[0]!.points = -4)), "application/json");
      await send("a bad sha256", broken((d) => ((((d.activities as Record<string, unknown>[]).find((a) => (a.evidence as unknown[]).length) ?? {}).evidence as Record<string, unknown>[])[0]!.sha256 = "xyz")), "application/json");
      await send("a damaged ZIP", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), "application/zip");
      await send("a PDF", TINY_PDF, "application/zip");
      await send("text/plain", JSON.stringify(good), "text/plain");
      await send("XML", "<account/>", "application/xml");
      const noFile = new FormData();
      noFile.append("other", "x");
      await send("a form without the file", noFile, "");
      const emptyFile = new FormData();
      emptyFile.append("file", new Blob([]), "export.json");
      await send("a form with an empty file", emptyFile, "");
      // Into an account that already has data: refused whole.
      expectApiRefusal("import", "into a non-empty account", await holder.api.request("/api/account/import", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(good) }));
    });
    expect(problems.splice(0)).toEqual([]);
  });

  it("evidence uploads: wrong bytes, markup dressed as PDF, empty, oversize, malformed requests", async () => {
    const client = holder.client;
    const target = holder.ids.activity;
    const upload = (form: FormData, activityId = target, headers: Record<string, string> = {}) =>
      client.request(`/api/evidence?activityId=${encodeURIComponent(activityId)}`, { method: "POST", headers: { origin: client.origin, ...headers }, body: form });
    const one = (bytes: Uint8Array<ArrayBuffer>, name: string, type = "application/pdf") => {
      const f = new FormData();
      f.append("file", new Blob([bytes], { type }), name);
      return f;
    };
    await group("uploads", holder, async () => {
      for (const [label, bytes] of badFiles()) {
        for (const name of ["evidence.pdf", "evidence.png", "evidence.jpg", "evidence"]) {
          expectApiRefusal("upload", `${label} as ${name}`, await upload(one(bytes, name, name.endsWith(".png") ? "image/png" : "application/pdf")), { fieldLevel: true });
        }
      }
      // Over 10 MB: with its length declared, and streamed without one (chunked).
      const boundary = "----recertboundary";
      const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
      const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
      const megabytes = Array.from({ length: 11 }, () => new Uint8Array(1024 * 1024));
      const total = head.length + tail.length + megabytes.length * 1024 * 1024;
      for (const declared of [true, false]) {
        const reply = await rawRequest(`${client.baseUrl}/api/evidence?activityId=${target}`, {
          method: "POST",
          headers: {
            origin: client.origin,
            cookie: client.cookieHeader(),
            "content-type": `multipart/form-data; boundary=${boundary}`,
            ...(declared ? { "content-length": String(total) } : { "transfer-encoding": "chunked" }),
          },
          chunks: [head, ...megabytes, tail],
        });
        expectApiRefusal("upload", `over 10 MB${declared ? "" : ", streamed without Content-Length"}`, reply, { fieldLevel: true });
      }
      // Malformed requests.
      const two = one(TINY_PDF, "a.pdf");
      two.append("file", new Blob([TINY_PDF]), "b.pdf");
      expectApiRefusal("upload", "two files", await upload(two), { fieldLevel: true });
      const textField = new FormData();
      textField.append("file", "not a file");
      expectApiRefusal("upload", "a text field", await upload(textField), { fieldLevel: true });
      expectApiRefusal("upload", "no file", await upload(new FormData()), { fieldLevel: true });
      expectApiRefusal("upload", "no activity", await upload(one(TINY_PDF, "a.pdf"), ""));
      expectApiRefusal("upload", "a malformed activity id", await upload(one(TINY_PDF, "a.pdf"), "../../etc/passwd"));
      expectApiRefusal("upload", "an unknown activity", await upload(one(TINY_PDF, "a.pdf"), "00000000-0000-4000-8000-000000000000"));
      expectApiRefusal("upload", "a deleted activity", await upload(one(TINY_PDF, "a.pdf"), holder.ids.deletedActivity));
      expectApiRefusal("upload", "JSON instead of a form", await client.json("POST", `/api/evidence?activityId=${target}`, { file: "x" }));
      expectApiRefusal("upload", "a broken multipart body", await client.request(`/api/evidence?activityId=${target}`, { method: "POST", headers: { origin: client.origin, "content-type": "multipart/form-data; boundary=zzz" }, body: "--zzz\r\nnonsense" }));
      expectApiRefusal("upload", "download a malformed id", await client.get("/api/evidence/..%2F..%2Fetc"));
    });
    expect(problems.splice(0)).toEqual([]);
  });

  it("forms (server actions) and CSV import rows", async () => {
    const client = holder.client;
    await group("activity form", holder, async () => {
      const base = Object.fromEntries(Object.entries(training()).map(([k, v]) => [k, String(v)]));
      for (const [field, label, value] of formBadValues()) {
        const fields: ActionFields = { ...base, [field]: value, saveAnyway: "1" };
        if (field === "manualReason") delete fields.manualPoints;
        expectFormRefusal("form", `activity ${field} ${label}`, await client.action(act("app/(app)/activities/actions.ts#saveActivityAction"), "/activities/new", fields));
      }
      // Editing: someone else's or a missing id, a malformed version.
      for (const [label, extra] of [
        ["missing id", { id: "00000000-0000-4000-8000-000000000000", version: "1" }],
        ["malformed id", { id: "1; drop table activities", version: "1" }],
        ["version not a number", { id: holder.ids.activity, version: "one" }],
      ] as [string, Record<string, string>][]) {
        expectFormRefusal("form", `activity edit ${label}`, await client.action(act("app/(app)/activities/actions.ts#saveActivityAction"), "/activities/new", { ...base, ...extra }));
      }
    });

    await group("certification forms", holder, async () => {
      const add = act("app/(app)/certifications/actions.ts#addCertificationAction");
      const cases: [string, ActionFields][] = [
        ["no issuer", { packId: "", credentialCode: "CSCP", earnedDate: "2023-01-01" }],
        ["no designation", { packId: "ascm", credentialCode: "", earnedDate: "2023-01-01" }],
        ["unknown designation", { packId: "ascm", credentialCode: "PMP", earnedDate: "2023-01-01" }],
        ["no date", { packId: "ascm", credentialCode: "CSCP", earnedDate: "" }],
        ["impossible date", { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-02-30" }],
        ["future date", { packId: "ascm", credentialCode: "CSCP", earnedDate: "2999-12-31" }],
        ["holder id with markup", { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-01-01", holderId: "<img src=x>" }],
        ["holder id too long", { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-01-01", holderId: LONG(41) }],
        ["already held", { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-10" }],
      ];
      for (const [label, fields] of cases) expectFormRefusal("form", `add certification ${label}`, await client.action(add, "/certifications", fields));
      const edit = act("app/(app)/certifications/actions.ts#updateCertificationAction");
      for (const [label, fields] of [
        ["bad id", { id: "x", earnedDate: "2022-03-10" }],
        ["future date", { id: holder.ids.certification, earnedDate: "2999-01-01" }],
        ["impossible date", { id: holder.ids.certification, earnedDate: "2022-02-29" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `edit certification ${label}`, await client.action(edit, "/certifications", fields));
      }
      const renewal = act("app/(app)/certifications/actions.ts#saveRenewalAction");
      for (const [label, fields] of [
        ["no dates", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate }],
        ["not a due date", { certificationId: holder.ids.certification, dueDate: "2020-01-01", submittedDate: "2024-01-01" }],
        ["future submission", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2999-01-01" }],
        ["approved before submitted", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2026-05-01", approvedDate: "2026-04-01" }],
        ["points in words", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2026-05-01", pointsClaimed: "many" }],
        ["points over 1000", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2026-05-01", pointsClaimed: "1001" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `renewal ${label}`, await client.action(renewal, "/certifications", fields));
      }
      const balance = act("app/(app)/certifications/actions.ts#saveOpeningBalanceAction");
      for (const [label, points] of [
        ["words", "lots"],
        ["negative", "-3"],
        ["three decimals", "1.234"],
        ["over 1000", "1001"],
        ["a formula", "=1+1"],
      ] as [string, string][]) {
        expectFormRefusal("form", `opening balance ${label}`, await client.action(balance, "/certifications", { certificationId: holder.ids.certification, "points.education": points, attested: "on" }));
      }
      expectFormRefusal("form", "opening balance not attested", await client.action(balance, "/certifications", { certificationId: holder.ids.certification, "points.education": "5" }));
      const submitted = act("app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction");
      for (const [label, fields] of [
        ["no date", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "" }],
        ["impossible date", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2026-02-30" }],
        ["future date", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2999-01-01" }],
        ["points in words", { certificationId: holder.ids.certification, dueDate: holder.ids.dueDate, submittedDate: "2026-05-01", pointsClaimed: "lots" }],
        ["unknown cycle", { certificationId: holder.ids.certification, dueDate: "2001-01-31", submittedDate: "2026-05-01" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `mark submitted ${label}`, await client.action(submitted, `/summary/${holder.ids.certification}`, fields));
      }
    });

    await group("settings forms", holder, async () => {
      const profile = act("app/(app)/settings/actions.ts#updateProfileAction");
      for (const [label, fields] of [
        ["empty name", { name: "", timezone: "UTC", ascmId: "" }],
        ["blank name", { name: "    ", timezone: "UTC", ascmId: "" }],
        ["name too long", { name: LONG(500), timezone: "UTC", ascmId: "" }],
        ["unknown time zone", { name: "Dana", timezone: "Mars/Olympus_Mons", ascmId: "" }],
        ["ASCM id with symbols", { name: "Dana", timezone: "UTC", ascmId: "12 34;" }],
        ["ASCM id too long", { name: "Dana", timezone: "UTC", ascmId: "1".repeat(41) }],
        ["member flag not a checkbox", { name: "Dana", timezone: "UTC", ascmId: "", isMember: "maybe" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `profile ${label}`, await client.action(profile, "/settings", fields));
      }
      const token = act("app/(app)/settings/tokens-actions.ts#createTokenAction");
      for (const [label, name] of [
        ["empty", ""],
        ["blank", "   "],
        ["61 characters", LONG(61)],
      ] as [string, string][]) {
        expectFormRefusal("form", `token name ${label}`, await client.action(token, "/settings", { name }));
      }
      expectFormRefusal("form", "revoke a malformed token id", await client.action(act("app/(app)/settings/tokens-actions.ts#revokeTokenAction"), "/settings", { id: LONG(65) }));
      expectFormRefusal("form", "calendar unknown operation", await client.action(act("app/(app)/settings/reminders-actions.ts#calendarFeedAction"), "/settings", { op: "explode" }));
      // Password change and account deletion: only input refused before any password is checked
      // (a wrong password would count as a failed sign-in).
      const change = act("app/(app)/settings/actions.ts#changePasswordAction");
      for (const [label, fields] of [
        ["no current password", { currentPassword: "", newPassword: "a fine new passphrase", confirmPassword: "a fine new passphrase" }],
        ["new too short", { currentPassword: holder.password, newPassword: "short", confirmPassword: "short" }],
        ["new does not match", { currentPassword: holder.password, newPassword: "a fine new passphrase", confirmPassword: "a different passphrase" }],
        ["new is a common password", { currentPassword: holder.password, newPassword: "password123", confirmPassword: "password123" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `password ${label}`, await client.action(change, "/settings", fields));
      }
      const del = act("app/(app)/settings/actions.ts#deleteAccountAction");
      for (const [label, fields] of [
        ["no password", { password: "", confirm: "DELETE" }],
        ["not confirmed", { password: holder.password, confirm: "" }],
        ["confirmed in lower case", { password: holder.password, confirm: "delete" }],
      ] as [string, ActionFields][]) {
        expectFormRefusal("form", `delete account ${label}`, await client.action(del, "/settings", fields));
      }
    });

    // Sign-up: no account may come of bad input (the same email signs up fine afterwards).
    const email = `bad-input-${Date.now()}@example.com`;
    const anon = new HttpClient(own.app.baseUrl);
    const signUp = act("app/(auth)/actions.ts#signUpAction");
    const good = { name: "Sign Up", email, password: "correct horse battery staple", confirmPassword: "correct horse battery staple", timezone: "UTC" };
    for (const [label, over] of [
      ["no name", { name: "" }],
      ["no email", { email: "" }],
      ["email without @", { email: "dana.example.com" }],
      ["email with spaces", { email: "dana @example.com" }],
      ["email too long", { email: `${LONG(320)}@example.com` }],
      ["password too short", { password: "short", confirmPassword: "short" }],
      ["common password", { password: "password1234", confirmPassword: "password1234" }],
      ["passwords differ", { confirmPassword: "something else entirely" }],
      ["unknown time zone", { timezone: "Nowhere/Land" }],
    ] as [string, Record<string, string>][]) {
      expectFormRefusal("form", `sign-up ${label}`, await anon.action(signUp, "/sign-up", { ...good, ...over, ...(over.email !== undefined ? {} : { email }) }));
    }
    expect([...anon.cookies.keys()].filter((k) => k.includes("session-token"))).toEqual([]);
    const after = await new HttpClient(own.app.baseUrl).action(signUp, "/sign-up", good);
    expect(after.headers.get("x-action-redirect") ?? "", "the email was still free: no account came of the bad sign-ups").toContain("/dashboard");

    await group("CSV import", holder, async () => {
      const importAction = act("app/(app)/activities/import/actions.ts#importCsvBatchAction");
      const base = { type: "attend_training", title: "CSV workshop", start_date: "2024-02-03", quantity: "2" };
      const cells: [string, Record<string, string>][] = [
        ["no type", { type: "" }],
        ["unknown type", { type: "time_travel" }],
        ["no title", { title: "" }],
        ["title 201 characters", { title: LONG(201) }],
        ["no date", { start_date: "" }],
        ["30 February", { start_date: "2024-02-30" }],
        ["day first", { start_date: "03/02/2024" }],
        ["words for a date", { start_date: "last week" }],
        ["end before start", { end_date: "2024-01-01" }],
        ["negative hours", { quantity: "-2" }],
        ["hours in words", { quantity: "two" }],
        ["not in half hours", { quantity: "0.3" }],
        ["unknown issuer", { issuer: "acme" }],
        ["manual points without a reason", { manual_points: "5" }],
        ["negative manual points", { manual_points: "-5", manual_reason: "x" }],
        ["manual points in words", { manual_points: "five", manual_reason: "x" }],
        ["reason without points", { manual_reason: "Because" }],
        ["a designation not held", { not_counted_for: "CLTD" }],
        ["a designation that does not exist", { not_counted_for: "XYZ" }],
        ["notes too long", { notes: LONG(5001) }],
      ];
      // Each bad cell in three otherwise different rows (provider, year, a note).
      const rowsToSend = cells.flatMap(([label, over], i) =>
        [0, 1, 2].map((copy) => ({
          label,
          line: 2 + i * 3 + copy,
          cells: { ...base, provider: `Provider ${copy}`, notes: copy === 2 ? "A note" : "", ...(copy === 1 && !("start_date" in over) && !("end_date" in over) ? { start_date: "2023-06-07" } : {}), ...over },
        })),
      );
      // And generated ones: the same wrong values as text in the CSV's columns.
      const columnOf: Record<string, string> = { startDate: "start_date", endDate: "end_date", quantity: "quantity", title: "title", typeId: "type", manualPoints: "manual_points" };
      const generated = fc
        .sample(randomBadActivityFields, { numRuns: 200, seed: SEED + 1 })
        .filter(([field, value]) => columnOf[field] && (typeof value === "string" || typeof value === "number"))
        .slice(0, 100);
      generated.forEach(([field, value], i) => {
        const column = columnOf[field] ?? "title";
        const cell = String(value);
        rowsToSend.push({ label: `${column} = ${cell.slice(0, 20)} (generated)`, line: 1000 + i, cells: { ...base, provider: "", notes: "", [column]: cell, ...(field === "manualPoints" ? { manual_reason: "x" } : {}) } });
      });
      const answer = await client.action(importAction, "/activities/import", { payload: JSON.stringify({ rows: rowsToSend.map((r) => ({ line: r.line, occurrence: 0, cells: r.cells })) }) });
      const result = actionResult(answer) as { status?: string; added?: number; already?: number; invalid?: { line: number; errors: { column: string; message: string }[] }[] } | undefined;
      if (answer.status >= 500 || !result || result.status !== "imported") problems.push(`CSV: the batch answer was ${answer.status} ${JSON.stringify(result)?.slice(0, 200)}`);
      else {
        if (result.added !== 0 || result.already !== 0) problems.push(`CSV: ${result.added} bad rows added, ${result.already} counted as already there`);
        for (const row of rowsToSend) {
          count("csv row");
          const found = result.invalid?.find((x) => x.line === row.line);
          if (!found) problems.push(`CSV row ${row.line} (${row.label}): not reported as invalid`);
          else if (found.errors.length === 0 || found.errors.some((e) => e.message.trim().length < 5)) problems.push(`CSV row ${row.line} (${row.label}): no clear message`);
        }
      }
      // Batches that are not rows at all.
      for (const [label, payload] of [
        ["not JSON", "rows: 1"],
        ["no rows", JSON.stringify({ rows: [] })],
        ["rows not a list", JSON.stringify({ rows: "all" })],
        ["1,001 rows", JSON.stringify({ rows: Array.from({ length: 1001 }, (_, i) => ({ line: i + 2, occurrence: 0, cells: base })) })],
        ["line 0", JSON.stringify({ rows: [{ line: 0, occurrence: 0, cells: base }] })],
        ["a cell of 20,001 characters", JSON.stringify({ rows: [{ line: 2, occurrence: 0, cells: { ...base, notes: LONG(20_001) } }] })],
        ["cells not an object", JSON.stringify({ rows: [{ line: 2, occurrence: 0, cells: "type=x" }] })],
        ["empty payload", ""],
      ] as [string, string][]) {
        expectFormRefusal("csv batch", label, await client.action(importAction, "/activities/import", { payload }));
      }
    });
    expect(problems.splice(0)).toEqual([]);
  });

  it("leaves no orphan rows behind (checked in the database), and counts the cases", async () => {
    await own.app.stop();
    const handle = await own.db.open();
    try {
      const orphans = await rows<{ what: string; n: number }>(
        handle,
        sql`select 'evidence without its blob' as what, count(*)::int as n from evidence e where not exists (select 1 from evidence_blobs b where b.id::text = e.blob_key::text)
            union all select 'blobs without evidence', count(*)::int from evidence_blobs b where not exists (select 1 from evidence e where e.blob_key::text = b.id::text)
            union all select 'evidence of a missing activity', count(*)::int from evidence e where not exists (select 1 from activities a where a.id = e.activity_id)`,
      );
      expect(orphans.map((o) => `${o.what}: ${Number(o.n)}`)).toEqual(["evidence without its blob: 0", "blobs without evidence: 0", "evidence of a missing activity: 0"]);
    } finally {
      await handle.close();
    }
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    console.log(`[bad-input] ${total} bad inputs tried, all refused with a message, no 5xx, nothing written: ${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    expect(total).toBeGreaterThanOrEqual(500);
  });
});
