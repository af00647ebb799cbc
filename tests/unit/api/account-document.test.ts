import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AccountRows } from "@/db/queries/account";
import { buildAccountDocument, parseAccountDocument, planImport } from "@/lib/import-export/json";
import { AccountDocumentSchema, canonicalOrder, comparable, evidencePath, NOT_PRESERVED } from "@/lib/import-export/json-schema";

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const at = new Date("2025-01-02T03:04:05Z");

function rows(): AccountRows {
  return {
    profile: { email: "a@example.com", name: "A", timezone: "UTC", issuerIds: {}, isMember: false, reminderPrefs: { email: true }, createdAt: at },
    certifications: [
      { id: "c2", packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-01-01", holderId: null, createdAt: at, renewals: [], openingBalances: [] },
      {
        id: "c1",
        packId: "ascm",
        credentialCode: "CPIM",
        earnedDate: "2020-01-01",
        holderId: "X",
        createdAt: at,
        renewals: [{ id: "r", dueDate: "2025-01-31", submittedDate: null, approvedDate: null, pointsClaimed: null }],
        openingBalances: [],
      },
    ],
    activities: [
      { id: "a2", packId: "ascm", typeId: "online_event", title: "B", provider: null, startDate: "2024-02-01", endDate: null, quantity: 1, details: {}, manualPoints: null, manualReason: null, notes: null, createdAt: at, updatedAt: at },
      { id: "a1", packId: "ascm", typeId: "attend_training", title: "A", provider: "P", startDate: "2024-01-01", endDate: null, quantity: 2, details: {}, manualPoints: null, manualReason: null, notes: "n", createdAt: at, updatedAt: at },
    ],
    exclusions: [{ activityId: "a1", certificationId: "c2" }],
    evidence: [{ id: "e1", activityId: "a1", fileName: "cert.pdf", contentType: "application/pdf", sizeBytes: PDF.length, sha256: sha(PDF), blobKey: "secret-key", createdAt: at }],
  };
}

describe("the account document", () => {
  const doc = buildAccountDocument(rows(), at);

  it("is valid against its own schema, in canonical order, with exclusions as codes", () => {
    expect(AccountDocumentSchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
    expect(doc.certifications.map((c) => c.credentialCode)).toEqual(["CPIM", "CSCP"]);
    expect(doc.activities.map((a) => a.id)).toEqual(["a1", "a2"]);
    expect(doc.activities[0]?.excludedFor).toEqual(["CSCP"]);
    expect(doc.activities[0]?.evidence[0]).toMatchObject({ fileName: "cert.pdf", file: `evidence/${sha(PDF)}/cert.pdf` });
    expect(JSON.stringify(doc)).not.toContain("secret-key");
    expect(doc.certifications[0]?.renewals[0]).not.toHaveProperty("id");
  });

  it("canonical order does not depend on the order rows arrive in", () => {
    const r = rows();
    r.activities.reverse();
    r.certifications.reverse();
    expect(buildAccountDocument(r, at)).toEqual(doc);
    expect(canonicalOrder(doc)).toEqual(doc);
  });

  it("comparable() drops exactly what an import does not preserve", () => {
    const other = structuredClone(doc);
    other.exportedAt = "2031-01-01T00:00:00.000Z";
    other.profile.email = "new@example.com";
    other.activities[0]!.id = "zzz";
    other.activities[0]!.evidence[0]!.id = "yyy";
    other.certifications[0]!.createdAt = "2031-01-01T00:00:00.000Z";
    expect(comparable(other)).toEqual(comparable(doc));
    other.activities[0]!.title = "Changed";
    expect(comparable(other)).not.toEqual(comparable(doc));
    expect(NOT_PRESERVED).toContain("profile.email");
  });

  it.each([
    ["no format", { version: 1 }, "format"],
    ["another app's file", { format: "other", version: 1 }, "format"],
    ["a future version", { format: "recert.account", version: 9 }, "version"],
    ["no profile", { format: "recert.account", version: 1, certifications: [], activities: [] }, "profile"],
    ["activities not an array", { format: "recert.account", version: 1, profile: doc.profile, certifications: [], activities: {} }, "activities"],
  ])("refuses %s, naming the field", (_l, raw, field) => {
    const r = parseAccountDocument(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.problems)).toContain(field);
  });

  it("plans an import with fresh ids and resolved exclusions", () => {
    const planned = planImport(doc, new Map([[doc.activities[0]!.evidence[0]!.file, PDF]]));
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    const { plan } = planned;
    expect(plan.certifications.map((c) => c.id)).not.toContain("c1");
    const cscp = plan.certifications.find((c) => c.credentialCode === "CSCP")!;
    const a1 = plan.activities.find((a) => a.title === "A")!;
    expect(plan.exclusions).toEqual([{ activityId: a1.id, certificationId: cscp.id }]);
    expect(plan.evidence).toHaveLength(1);
    expect(plan.renewals).toEqual([{ certificationId: plan.certifications.find((c) => c.credentialCode === "CPIM")!.id, dueDate: "2025-01-31", submittedDate: null, approvedDate: null, pointsClaimed: null }]);
  });

  it("refuses a file whose bytes are not what the document says", () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const d = structuredClone(doc);
    d.activities[0]!.evidence[0]!.sha256 = sha(html);
    const planned = planImport(d, new Map([[d.activities[0]!.evidence[0]!.file, html]]));
    expect(planned.ok).toBe(false);
    if (!planned.ok) expect(Object.keys(planned.problems)).toEqual(["activities.0.evidence.0.file"]);
  });

  it("keeps ZIP paths inside evidence/", () => {
    expect(evidencePath("ab", "../../etc/passwd")).toBe("evidence/ab/__.._etc_passwd");
    expect(evidencePath("ab", "a/b\\c.pdf")).toBe("evidence/ab/a_b_c.pdf");
    expect(evidencePath("ab", "")).toBe("evidence/ab/file");
  });
});
