/**
 * The summary's download routes (PDF, CSV, ZIP) as modules, against a real database, with API
 * tokens: each answers its file and writes an audit event; another holder, a missing id, a bad
 * ?cycle= and nobody get 404 / 400 / 401 in the API's error shape and no export is audited.
 */
import { unzipSync } from "fflate";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { createActivity } from "@/db/queries/activities";
import { createApiToken } from "@/db/queries/api-tokens";
import { createCertification } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { auditLog } from "@/db/schema";
import { validateActivity } from "@/lib/activities/input";
import { generateToken } from "@/lib/api/tokens";
import { pdfPages } from "../../unit/summary/pdf-text";
import { describeEachDb } from "../harness";

vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => null, requireUser: async () => null }));

const pdfRoute = await import("@/app/api/summary/[certificationId]/pdf/route");
const csvRoute = await import("@/app/api/summary/[certificationId]/csv/route");
const zipRoute = await import("@/app/api/summary/[certificationId]/zip/route");
const ROUTES = { pdf: pdfRoute.GET, csv: csvRoute.GET, zip: zipRoute.GET } as const;

function call(kind: keyof typeof ROUTES, certificationId: string, opts: { token?: string; query?: string } = {}) {
  const headers: Record<string, string> = { host: "recert.test" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const req = new Request(`http://recert.test/api/summary/${certificationId}/${kind}${opts.query ?? ""}`, { headers });
  return ROUTES[kind](req, { params: Promise.resolve({ certificationId }) });
}

describeEachDb("summary download routes", (ctx) => {
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let certId: string;

  async function holder(name: string) {
    const user = await createUser(ctx.handle.db, { email: `${name}-${Math.random()}@example.com`, name, passwordHash: "x", timezone: "UTC" });
    if (!user) throw new Error("no user");
    const t = generateToken();
    await createApiToken(ctx.handle.db, user.id, { name: "test", tokenHash: t.tokenHash, prefix: t.prefix });
    return { id: user.id, token: t.token };
  }
  async function exportsOf(userId: string) {
    return ctx.handle.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.userId, userId), eq(auditLog.action, "summary.export")));
  }

  beforeAll(async () => {
    alice = await holder("alice");
    bob = await holder("bob");
    certId = (await createCertification(ctx.handle.db, alice.id, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-05-10", holderId: "C-77" }))!.id;
    const v = validateActivity({ typeId: "online_event", title: "Demand planning webinar", startDate: "2023-01-12", quantity: 1.5 });
    if (!v.ok) throw new Error("bad seed");
    await createActivity(ctx.handle.db, alice.id, v.value);
  });

  it("answers the PDF, the CSV and the ZIP, each as an attachment, and audits each export", async () => {
    const pdf = await call("pdf", certId, { token: alice.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="cscp-summary-due-2027-05-31\.pdf"/);
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    const text = (await pdfPages(new Uint8Array(await pdf.arrayBuffer()))).join(" ");
    expect(text).toContain("Demand planning webinar");
    expect(text).toContain("C-77");

    const csv = await call("csv", certId, { token: alice.token });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain("Demand planning webinar");

    const zip = await call("zip", certId, { token: alice.token, query: "?cycle=0" });
    expect(zip.headers.get("content-disposition")).toMatch(/filename="cscp-audit-pack-due-2027-05-31\.zip"/);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["cscp-summary-due-2027-05-31.pdf", "index.csv"]);

    const events = await exportsOf(alice.id);
    expect(events.map((e) => e.detail.format).sort()).toEqual(["csv", "pdf", "zip"]);
    expect(events[0]!.detail).toMatchObject({ certificationId: certId, credential: "CSCP", cycleDueDate: "2027-05-31", lines: 1 });
  });

  it.each(["pdf", "csv", "zip"] as const)("%s: another holder's, a missing, a bad cycle, nobody", async (kind) => {
    for (const [id, token, query] of [
      [certId, bob.token, ""],
      [certId, bob.token, "?cycle=0"],
      ["00000000-0000-4000-8000-000000000000", alice.token, ""],
      ["not-an-id", alice.token, ""],
      [certId, alice.token, "?cycle=4"],
    ] as const) {
      const res = await call(kind, id, { token, query });
      expect(res.status, `${id}${query}`).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const bad = await call(kind, certId, { token: alice.token, query: "?cycle=last" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_query", fields: { cycle: expect.any(String) } } });
    expect((await call(kind, certId)).status).toBe(401);
    expect(await exportsOf(bob.id)).toEqual([]);
  });
});
