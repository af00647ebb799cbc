import { describe, expect, it } from "vitest";
import { activityChanges, activityToFormValues, formDataToDraft } from "@/lib/activities/form-values";
import { hasFilters, listHref, parseListQuery } from "@/lib/activities/list-query";
import { buildPreview } from "@/lib/activities/preview";
import { activityTypeGroups, categoryFilter } from "@/lib/activities/catalog";
import type { ActivityInput, CertificationInput } from "@/lib/rules";

const ASOF = "2025-06-30";
const CPIM: CertificationInput = { id: "11111111-1111-4111-8111-111111111111", packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15" };
const CSCP: CertificationInput = { id: "22222222-2222-4222-8222-222222222222", packId: "ascm", credentialCode: "CSCP", earnedDate: "2024-11-20" };

const service2024: ActivityInput = { id: "s1", packId: "ascm", typeId: "volunteer_service", startDate: "2024-01-01", title: "Chapter board 2024" };

describe("the live preview of the activity form", () => {
  it("shows points, category, rule and source, and the designations whose cycle holds the date", () => {
    const p = buildPreview({ typeId: "online_event", title: "Webinar", startDate: "2024-05-14", quantity: "2" }, { certifications: [CPIM, CSCP], others: [], asOf: ASOF });
    expect(p).toMatchObject({
      ok: true,
      points: 2,
      categoryLabel: "Education",
      explanation: "2 hours × 1 point per hour = 2 points",
      ruleVersionLabel: "ASCM rules from 4 January 2018",
      source: { key: "A5", confidence: "confirmed" },
      capWarnings: [],
    });
    if (!p.ok) return;
    expect(p.countsFor).toEqual([
      { certificationId: CPIM.id, credentialCode: "CPIM", counts: true, excluded: false, reason: "Counts for the cycle due 31 Mar 2027." },
      { certificationId: CSCP.id, credentialCode: "CSCP", counts: false, excluded: false, reason: expect.stringContaining("outside every cycle of CSCP") },
    ]);
  });

  it("says when the holder excluded a designation", () => {
    const p = buildPreview(
      { typeId: "online_event", title: "Webinar", startDate: "2025-01-14", quantity: "2", excludedCertificationIds: [CSCP.id] },
      { certifications: [CPIM, CSCP], others: [], asOf: ASOF },
    );
    expect(p.ok && p.countsFor.map((c) => [c.credentialCode, c.counts, c.excluded, c.reason])).toEqual([
      ["CPIM", true, false, "Counts for the cycle due 31 Mar 2027."],
      ["CSCP", false, true, "You chose not to count it for CSCP."],
    ]);
  });

  it("warns when volunteer service in a year that already has 5 points would not count", () => {
    const p = buildPreview({ typeId: "volunteer_service", title: "Committee 2024", startDate: "2024-03-01" }, { certifications: [CPIM], others: [service2024], asOf: ASOF });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.points).toBe(5);
    expect(p.capWarnings[0]).toBe("CPIM: only 0 of its 5 points would count, because Service counts at most 5 points a calendar year and 2024 is already at or over it.");
  });

  it("warns when a draft brings a yearly cap to its limit", () => {
    const p = buildPreview({ typeId: "volunteer_service", title: "Chapter board 2023", startDate: "2023-01-01" }, { certifications: [CPIM], others: [service2024], asOf: ASOF });
    expect(p.ok && p.capWarnings).toEqual(["CPIM: this brings Service to its cap of 5 points for 2023; more service in 2023 will not add points."]);
  });

  it("says the exam that earned a designation does not count for it", () => {
    const p = buildPreview({ typeId: "ascm_exam", title: "CPIM exam", startDate: "2024-06-01", "details.credentialCode": "CPIM" }, { certifications: [CPIM], others: [], asOf: ASOF });
    expect(p.ok && p.countsFor[0]?.counts).toBe(false);
    expect(p.ok && p.countsFor[0]?.reason).toContain("the exam that earned CPIM");
  });

  it("lists what is missing instead of points, without asking for a title", () => {
    const p = buildPreview({ typeId: "book", startDate: "2024-02-01", "details.pages": "120" }, { certifications: [CPIM], others: [], asOf: ASOF });
    expect(p).toEqual({ ok: false, problems: [{ field: "details.pages", message: "A book counts only from 200 pages. You entered 120." }] });
  });
});

describe("the list's URL state", () => {
  it("parses a shared link and drops what it cannot trust", () => {
    const q = parseListQuery({ cert: "not-a-uuid", category: "education", type: "Book; drop table", from: "2024-02-30", to: "2024-12-31", missing: "1", q: " lean ", sort: "nonsense", page: "-3" });
    expect(q).toEqual({ category: "education", to: "2024-12-31", missing: "1", q: "lean", sort: "date_desc", page: 1 });
    expect(hasFilters(q)).toBe(true);
    expect(hasFilters(parseListQuery({}))).toBe(false);
  });

  it("writes links that keep the filters, leave defaults out and go back to page 1 on a change", () => {
    const q = parseListQuery({ q: "lean", sort: "title_asc", page: "3" });
    expect(listHref(q, { page: 4 })).toBe("/activities?q=lean&sort=title_asc&page=4");
    expect(listHref(q, { type: "book" })).toBe("/activities?type=book&q=lean&sort=title_asc");
    expect(listHref(parseListQuery({}))).toBe("/activities");
  });
});

describe("form values and the catalog", () => {
  const stored = {
    packId: "ascm",
    typeId: "ascm_conference",
    title: "Connect",
    provider: null,
    startDate: "2024-10-07",
    endDate: "2024-10-09",
    quantity: 3,
    details: { eventName: "Connect 2024" },
    manualPoints: null,
    manualReason: null,
    notes: null,
    excludedCertificationIds: [CSCP.id],
  };

  it("round-trips a stored activity through the form's strings", () => {
    const values = activityToFormValues(stored);
    expect(values).toMatchObject({ typeId: "ascm_conference", quantity: "3", "details.eventName": "Connect 2024", endDate: "2024-10-09", excluded: CSCP.id });
    const fd = new FormData();
    for (const [k, v] of Object.entries(values)) if (k !== "excluded") fd.append(k, v);
    fd.append("shownCertIds", `${CPIM.id},${CSCP.id}`);
    fd.append("countFor", CPIM.id);
    const { raw } = formDataToDraft(fd);
    expect(raw.excludedCertificationIds).toEqual([CSCP.id]);
    expect(raw["details.eventName"]).toBe("Connect 2024");
  });

  it("says what changed between the holder's draft and a newer saved version", () => {
    const saved = { ...stored, title: "ASCM Connect", quantity: 2, excludedCertificationIds: [] };
    const changes = activityChanges(stored, saved, { type: (id) => id, certification: (id) => (id === CSCP.id ? "CSCP" : "?") });
    expect(changes).toEqual([
      { label: "Title", yours: "Connect", saved: "ASCM Connect" },
      { label: "Days attended", yours: "3", saved: "2" },
      { label: "Not counted for", yours: "CSCP", saved: "(empty)" },
    ]);
  });

  it("groups every ASCM type under a plain heading, each once", () => {
    const groups = activityTypeGroups("ascm");
    const ids = groups.flatMap((g) => g.types.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
    expect(groups.map((g) => g.label)).not.toContain("Other");
  });

  it("resolves a category filter to its types", () => {
    expect(categoryFilter("ascm", "service")).toEqual({ typeIds: ["volunteer_service"], detailCategoryIds: [] });
    expect(categoryFilter("pmi", "education").detailCategoryIds.sort()).toEqual(["business_acumen", "education", "power_skills", "ways_of_working"].filter((c) => c !== "education").sort());
  });
});
