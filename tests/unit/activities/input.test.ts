import { describe, expect, it } from "vitest";
import { activityFormFields, coerceBoolean, coerceNumber, validateActivity } from "@/lib/activities/input";

const CERT_A = "11111111-1111-4111-8111-111111111111";
const CERT_B = "22222222-2222-4222-8222-222222222222";
const FOREIGN = "33333333-3333-4333-8333-333333333333";

/** A valid draft of each kind, as a form would send it (strings). */
const webinar = { typeId: "online_event", title: "Demand planning webinar", startDate: "2024-05-14", quantity: "1.5" };
const book = { typeId: "book", title: "The Goal", startDate: "2024-02-01", "details.pages": "384" };
const course = { typeId: "college_course", title: "Operations management", startDate: "2023-09-01", endDate: "2023-12-15", "details.creditHours": "3", "details.weeks": "15" };
const conference = { typeId: "ascm_conference", title: "ASCM Connect", startDate: "2024-10-07", endDate: "2024-10-09", quantity: "3", "details.eventName": "Connect 2024" };
const exam = { typeId: "ascm_exam", title: "CSCP exam", startDate: "2024-06-01", "details.credentialCode": "CSCP" };
const learning = { typeId: "learning_system", title: "CLTD learning system", startDate: "2024-03-01", "details.system": "CLTD", "details.score": "85" };
const project = { typeId: "pm_project", title: "S&OP rollout", startDate: "2024-01-01", endDate: "2024-04-30", quantity: "90" };
const membership = { typeId: "ascm_membership", title: "ASCM membership", startDate: "2024-01-01" };

type Row = [label: string, draft: Record<string, unknown>, field: string, message: string | RegExp];

// Each row: a malformed draft, the field key the error is reported on, and the message.
const MALFORMED: Row[] = [
  // Issuer and type
  ["unknown issuer", { ...webinar, packId: "acme" }, "packId", "Choose an issuer Recert knows (ASCM, PMI or ISC2)."],
  ["issuer not text", { ...webinar, packId: { id: "ascm" } }, "packId", "Choose an issuer Recert knows (ASCM, PMI or ISC2)."],
  ["no type", { ...webinar, typeId: "" }, "typeId", "Choose the kind of activity."],
  ["type missing", { title: "x", startDate: "2024-01-01" }, "typeId", "Choose the kind of activity."],
  ["unknown type", { ...webinar, typeId: "skydiving" }, "typeId", "Choose one of the ASCM activity types."],
  ["type of another issuer", { ...webinar, typeId: "speaking" }, "typeId", "Choose one of the ASCM activity types."],
  ["type as a number", { ...webinar, typeId: 42 }, "typeId", "Choose one of the ASCM activity types."],
  ["type as an array", { ...webinar, typeId: ["book"] }, "typeId", "Choose the kind of activity."],
  // Title, provider, notes
  ["no title", { ...webinar, title: "" }, "title", "Give the activity a title."],
  ["blank title", { ...webinar, title: "   " }, "title", "Give the activity a title."],
  ["title missing", { typeId: "online_event", startDate: "2024-01-01", quantity: "1" }, "title", "Give the activity a title."],
  ["title too long", { ...webinar, title: "x".repeat(201) }, "title", "Keep the title to 200 characters or fewer."],
  ["title an object", { ...webinar, title: { a: 1 } }, "title", "Give the activity a title."],
  ["provider too long", { ...webinar, provider: "p".repeat(201) }, "provider", "Keep the provider to 200 characters or fewer."],
  ["provider an object", { ...webinar, provider: { name: "x" } }, "provider", "The provider must be text."],
  ["notes too long", { ...webinar, notes: "n".repeat(5001) }, "notes", "Keep the notes to 5000 characters or fewer."],
  ["notes an array", { ...webinar, notes: ["a"] }, "notes", "Notes must be text."],
  // Dates
  ["no date", { ...webinar, startDate: "" }, "startDate", "Enter the date of the activity."],
  ["date missing", { typeId: "online_event", title: "x", quantity: "1" }, "startDate", "Enter the date of the activity."],
  ["date in another format", { ...webinar, startDate: "14/05/2024" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["30 February", { ...webinar, startDate: "2024-02-30" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["29 February of a common year", { ...webinar, startDate: "2023-02-29" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["month 13", { ...webinar, startDate: "2024-13-01" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["date with time", { ...webinar, startDate: "2024-05-14T10:00:00Z" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["date as a number", { ...webinar, startDate: 20240514 }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["year 1800", { ...webinar, startDate: "1800-01-01" }, "startDate", "Enter a real date as YYYY-MM-DD."],
  ["end before start", { ...webinar, endDate: "2024-05-13" }, "endDate", "The end date cannot be before the start date."],
  ["end not a date", { ...webinar, endDate: "soon" }, "endDate", "Enter a real date as YYYY-MM-DD, or leave it empty."],
  ["end 31 April", { ...webinar, endDate: "2024-04-31" }, "endDate", "Enter a real date as YYYY-MM-DD, or leave it empty."],
  ["book before the 2018 rules", { ...book, startDate: "2015-06-01" }, "startDate", /^Relevant book read counts only from 2018-01-04/],
  // Quantity (per-unit types)
  ["hours missing", { ...webinar, quantity: "" }, "quantity", "Enter the hours."],
  ["hours not a number", { ...webinar, quantity: "two" }, "quantity", "Enter a number."],
  ["hours with a unit", { ...webinar, quantity: "2h" }, "quantity", "Enter a number."],
  ["hours in hex", { ...webinar, quantity: "0x10" }, "quantity", "Enter a number."],
  ["hours Infinity", { ...webinar, quantity: "Infinity" }, "quantity", "Enter a number."],
  ["hours NaN number", { ...webinar, quantity: Number.NaN }, "quantity", "Enter a number."],
  ["hours as an object", { ...webinar, quantity: { n: 2 } }, "quantity", "Enter a number."],
  ["zero hours", { ...webinar, quantity: "0" }, "quantity", "Hours must be more than 0; you entered 0."],
  ["negative hours", { ...webinar, quantity: "-2" }, "quantity", "Hours must be more than 0; you entered -2."],
  ["quarter hours", { ...webinar, quantity: "1.25" }, "quantity", "Hours go in steps of 0.5; you entered 1.25."],
  ["too many hours", { ...webinar, quantity: "501" }, "quantity", "Hours can be at most 500 for one activity; you entered 501."],
  ["half an article", { typeId: "article_read", title: "HBR", startDate: "2024-01-01", quantity: "2.5" }, "quantity", "Articles must be a whole number; you entered 2.5."],
  ["half a mentee", { typeId: "mentor", title: "Mentoring", startDate: "2024-01-01", quantity: "1.5" }, "quantity", "Mentees must be a whole number; you entered 1.5."],
  ["conference days beyond the dates", { ...conference, quantity: "3", endDate: "2024-10-08" }, "quantity", "You logged 3 days but the dates span 2 days."],
  ["half a conference day", { ...conference, quantity: "1.5" }, "quantity", "Days attended must be a whole number; you entered 1.5."],
  ["project below the first tier", { ...project, quantity: "20" }, "quantity", "Project-management work counts from 40 hours; you entered 20 hours."],
  ["two membership years in one", { ...membership, quantity: "2" }, "quantity", "Log one membership year per activity (the quantity is 1); you entered 2."],
  // Type-specific details
  ["book without pages", { ...book, "details.pages": "" }, "details.pages", "Pages is required."],
  ["book too short", { ...book, "details.pages": "150" }, "details.pages", "A book counts only from 200 pages. You entered 150."],
  ["book pages not a number", { ...book, "details.pages": "many" }, "details.pages", "Pages: enter a number."],
  ["book pages fractional", { ...book, "details.pages": "250.5" }, "details.pages", "Pages: enter a whole number."],
  ["book pages huge", { ...book, "details.pages": "6000" }, "details.pages", "Pages can be at most 5000."],
  ["book pages nested and short", { ...book, "details.pages": undefined, details: { pages: 120 } }, "details.pages", "A book counts only from 200 pages. You entered 120."],
  ["details not an object", { ...book, "details.pages": undefined, details: "pages=300" }, "details", "Details must be an object of named values."],
  ["details an array", { ...book, "details.pages": undefined, details: [300] }, "details", "Details must be an object of named values."],
  ["course without weeks", { ...course, "details.weeks": "" }, "details.weeks", "Weeks is required."],
  ["course with 0 credit hours", { ...course, "details.creditHours": "0" }, "details.creditHours", "Credit hours must be at least 0.5."],
  ["course credit hours off-step", { ...course, "details.creditHours": "1.2" }, "details.creditHours", "Credit hours goes in steps of 0.5."],
  ["course with 60 weeks", { ...course, "details.weeks": "60" }, "details.weeks", "Weeks can be at most 52."],
  ["conference without a name", { ...conference, "details.eventName": "  " }, "details.eventName", "Conference name is required."],
  ["conference name too long", { ...conference, "details.eventName": "c".repeat(201) }, "details.eventName", "Conference name: keep it to 200 characters or fewer."],
  ["exam not chosen", { ...exam, "details.credentialCode": "" }, "details.credentialCode", "Exam is required."],
  ["exam unknown", { ...exam, "details.credentialCode": "PMP" }, "details.credentialCode", "Exam must be one of CPIM, CSCP, CLTD, CTSC."],
  ["learning system score too low", { ...learning, "details.score": "70" }, "details.score", "A learning system counts only with a post-assessment score of 80% or more. You entered 70."],
  ["learning system score over 100", { ...learning, "details.score": "101" }, "details.score", "Post-assessment score (%) can be at most 100."],
  ["learning system missing", { ...learning, "details.system": "" }, "details.system", "Learning system is required."],
  ["module exam unknown", { typeId: "cpim_module_exam", title: "Module", startDate: "2024-01-01", "details.module": "XYZ" }, "details.module", "Module must be one of BSCM, DSP, ECO, MPR, SMR."],
  ["simulator score too low", { typeId: "exam_simulator", title: "Simulator", startDate: "2024-01-01", "details.score": "60" }, "details.score", "The Exam Simulator counts only with a final exam score of 75% or more. You entered 60."],
  ["related membership without organisation", { typeId: "related_membership", title: "CILT", startDate: "2024-01-01" }, "details.organization", "Organisation is required."],
  ["membership year not a number", { ...membership, "details.membershipYear": "last year" }, "details.membershipYear", "Membership year: enter a number."],
  ["membership year too early", { ...membership, "details.membershipYear": "1900" }, "details.membershipYear", "Membership year must be at least 1957."],
  // Points set by hand
  ["manual points without reason", { ...webinar, manualPoints: "5" }, "manualReason", "Say why you set the points by hand."],
  ["manual points negative", { ...webinar, manualPoints: "-1", manualReason: "ASCM said so" }, "manualPoints", "Points cannot be negative."],
  ["manual points too many", { ...webinar, manualPoints: "1001", manualReason: "ASCM said so" }, "manualPoints", "Enter at most 1000 points."],
  ["manual points three decimals", { ...webinar, manualPoints: "2.125", manualReason: "ASCM said so" }, "manualPoints", "Use at most two decimals."],
  ["manual points not a number", { ...webinar, manualPoints: "lots", manualReason: "ASCM said so" }, "manualPoints", "Enter the points as a number, or leave it empty."],
  ["reason without points", { ...webinar, manualReason: "ASCM said so" }, "manualPoints", "Enter the points this reason is for, or clear the reason."],
  ["reason too long", { ...webinar, manualPoints: "3", manualReason: "r".repeat(501) }, "manualReason", "Keep the reason to 500 characters or fewer."],
  // Designations excluded
  ["exclusion not an id", { ...webinar, excludedCertificationIds: "CPIM" }, "excludedCertificationIds", "One of the excluded certifications is not yours or does not exist."],
  ["exclusion of someone else's", { ...webinar, excludedCertificationIds: [CERT_A, FOREIGN] }, "excludedCertificationIds", "One of the excluded certifications is not yours or does not exist."],
  ["exclusions as an object", { ...webinar, excludedCertificationIds: { a: CERT_A } }, "excludedCertificationIds", "List certification ids separated by commas."],
  ["exclusions with a number", { ...webinar, excludedCertificationIds: [CERT_A, 7] }, "excludedCertificationIds", "List certification ids separated by commas."],
];

describe("validateActivity refuses malformed drafts with a field-level message", () => {
  it("has a table of at least 60 malformed drafts", () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(MALFORMED.map(([label, draft, field, message]) => ({ label, draft, field, message })))("$label → $field", ({ draft, field, message }) => {
    const result = validateActivity(draft, { certificationIds: [CERT_A, CERT_B] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors)).toContain(field);
    if (typeof message === "string") expect(result.fieldErrors[field]).toBe(message);
    else expect(result.fieldErrors[field]).toMatch(message);
  });
});

describe("validateActivity accepts well-formed drafts and normalises them", () => {
  it("coerces form strings, trims text and scores with lib/rules", () => {
    const result = validateActivity({ ...webinar, title: "  Demand planning webinar ", provider: " ASCM ", notes: "" });
    expect(result).toMatchObject({
      ok: true,
      value: {
        packId: "ascm",
        typeId: "online_event",
        title: "Demand planning webinar",
        provider: "ASCM",
        startDate: "2024-05-14",
        endDate: null,
        quantity: 1.5,
        details: {},
        manualPoints: null,
        manualReason: null,
        notes: null,
        excludedCertificationIds: [],
      },
      score: { ok: true, points: 1.5, categoryId: "education", ruleId: "ascm-2018/online_event" },
    });
  });

  it.each([
    ["book", book, 5],
    ["college course", course, 45],
    ["ASCM conference", conference, 24],
    ["exam", exam, 20],
    ["learning system", learning, 30],
    ["project", project, 5],
    ["membership", membership, 6],
  ] as const)("%s earns the rule's points", (_l, draft, points) => {
    const result = validateActivity(draft);
    expect(result.ok && result.score.points).toBe(points);
  });

  it("reads details from a nested object (API, JSON) as well as flat keys (forms, CSV)", () => {
    const nested = validateActivity({ typeId: "book", title: "The Goal", startDate: "2024-02-01", details: { pages: "384", unknownKey: "dropped" } });
    expect(nested.ok && nested.value.details).toEqual({ pages: 384 });
  });

  it("accepts exclusions as a comma list of the holder's certifications, without duplicates", () => {
    const result = validateActivity({ ...webinar, excludedCertificationIds: ` ${CERT_A}, ${CERT_B},${CERT_A}` }, { certificationIds: [CERT_A, CERT_B] });
    expect(result.ok && result.value.excludedCertificationIds).toEqual([CERT_A, CERT_B]);
  });

  it("keeps manual points with their reason, and drops an empty reason with no points", () => {
    const manual = validateActivity({ ...webinar, manualPoints: "4", manualReason: "ASCM awarded 4" });
    expect(manual.ok && [manual.value.manualPoints, manual.value.manualReason, manual.score.points]).toEqual([4, "ASCM awarded 4", 4]);
    const none = validateActivity({ ...webinar, manualPoints: "", manualReason: "  " });
    expect(none.ok && [none.value.manualPoints, none.value.manualReason]).toEqual([null, null]);
  });

  it("defaults the issuer to ASCM and the membership year to the year of the date", () => {
    const result = validateActivity(membership);
    expect(result.ok && result.value.packId).toBe("ascm");
  });

  it("gives the form its fields from the pack", () => {
    expect(activityFormFields("ascm", "college_course").map((f) => f.key)).toEqual(["creditHours", "weeks"]);
    expect(activityFormFields("ascm", "online_event").map((f) => [f.key, f.label])).toEqual([["quantity", "Hours"]]);
    expect(activityFormFields("ascm", "nope")).toEqual([]);
  });
});

describe("coercion of form and CSV strings", () => {
  it.each([
    ["12", 12],
    [" 1.5 ", 1.5],
    [".5", 0.5],
    ["1e2", 100],
    [3, 3],
    ["", null],
    [undefined, null],
    ["1,5", false],
    ["0x10", false],
    ["Infinity", false],
    [true, false],
  ] as const)("number %j → %j", (input, expected) => {
    expect(coerceNumber(input)).toBe(expected);
  });

  it.each([
    ["on", true],
    ["Yes", true],
    ["1", true],
    [true, true],
    ["off", false],
    ["no", false],
    [0, false],
    ["", null],
    ["maybe", "bad"],
    [2, "bad"],
  ] as const)("boolean %j → %j", (input, expected) => {
    expect(coerceBoolean(input)).toBe(expected);
  });
});
