/**
 * ASCM (formerly APICS) certification maintenance: CPIM, CSCP, CLTD, CTSC at 75 points per
 * five years, Fellow levels at 100, SCOR-P an endorsement without maintenance.
 *
 * Numbers, sources and confidence: /work/shared/reference/rules-research.md §1–5 and §7 (keys
 * A1–A20 below). Where the issuer is unclear the value is Recert's documented policy (source
 * "R" = docs/rules.md) and marked inferred or unconfirmed, so the report warns when it is used.
 *
 * Versions are appended, never edited: an activity is scored by the version in force on its date.
 */
import type { PackData } from "../schema";
import { flag, inputLimit, sn } from "./helpers";

type Version = PackData["versions"][number];
type ActivityType = Version["activityTypes"][number];

export const ASCM_SOURCES: PackData["sources"] = {
  A1: { url: "https://www.ascm.org/learning-development/certifications-credentials/certification-maintenance", title: "ASCM: Certification maintenance (official)" },
  A2: { url: "https://apicslondon.org/Apics-Certification-Holders", title: "APICS London chapter copy of the ASCM maintenance page" },
  A3: { url: "https://vdocuments.mx/submitting-a-certification-maintenance-application-2020-12-14-upon-submitting.html", title: "ASCM 2020 tutorial: submitting a maintenance application (reprint)" },
  A4: { url: "https://www.cimcil.com/news/apics-maintenance-process-has-changed", title: "APICS 2014 notice: the maintenance process has changed (reprint)" },
  A5: { url: "http://www.apics.org/credentials-education/credentials/maintenance/5-easy-steps-to-maintain-your-certification", title: "APICS: 5 easy steps to maintain your certification (official, older)" },
  A6: { url: "https://apicsottawa.org/content.php?page=Certification_Maintenance", title: "APICS Ottawa chapter: certification maintenance point table" },
  A7: { url: "https://apics-vancouver.org/Certification_Maintenance", title: "APICS Vancouver chapter: certification maintenance" },
  A8: { url: "https://www.cimcil.com/news/im-apics-certified-how-do-i-keep-my-acquired-knowledge-date", title: "CIMCIL: keeping an APICS certification up to date (partner)" },
  A9: { url: "https://www.symix.bg/blog/posts/2021/february/how-to-maintain-your-apicsascm-cpim-cscp-and-cltd-certification/", title: "Symix (partner, Feb 2021): how to maintain CPIM, CSCP and CLTD" },
  A10: { url: "https://www.chinascom.com/page81?article_id=657", title: "APICS January 2018 notice on the new maintenance categories (reprint)" },
  A11: { url: "http://www.apics.org/credentials-education/credentials/maintenance/certification-maintenance-application/pped-help", title: "APICS PPED help page (official, pre-2018)" },
  A12: { url: "http://www.apics.org/credentials-education/credentials/maintenance/eligible-events", title: "APICS eligible events (official, 2018 transition)" },
  A13: { url: "http://www.apics.org/ebusiness/careers-education-professional-development/certification/maintenance", title: "APICS maintenance (official, legacy)" },
  A14: { url: "http://apics-west.org/Certification_Maintenance", title: "APICS chapter legacy maintenance FAQ" },
  A15: { url: "https://powershow.com/view/14fd9f-MjI0N/Sharpen_Your_Professional_Edge_powerpoint_ppt_presentation", title: "Undated APICS slide deck: Sharpen your professional edge" },
  A16: { url: "https://www.ascm.org/learning-development/certifications-credentials/faqs/", title: "ASCM certification FAQs (official)" },
  A17: { url: "https://scmedu.org/what-is-the-scor-professional-scor-p-endorsement/", title: "What is the SCOR-P endorsement" },
  A18: { url: "https://oregon.ascm.org/Continuing_Education", title: "ASCM Oregon chapter: continuing education" },
  A20: { url: "https://scmedu.org/what-is-cpim-f/", title: "Fellow programme names (CPIM-F, CSCP-F, CLTD-F)" },
  R: { url: "docs/rules.md#policies-recert-chose", title: "Recert's documented policy where the issuer is unclear" },
};

const HOUR_INCREMENT = sn(0.5, "A15", "secondary", "attendance counts in half-hour increments");

const CYCLE: Version["cycle"] = {
  lengthYears: sn(5, "A1", "confirmed"),
  due: {
    rule: "end_of_month",
    source: "A3",
    confidence: "inferred",
    note: "“every five years based on the month in which the certification was earned” [A3] and “end on the last day of the month” [A14]: due on the last day of the month five years after the earned date",
  },
  renewal: {
    rule: "from_current_due_date",
    source: "A4",
    confidence: "secondary",
    note: "“your new maintenance due date will be five years after your current maintenance due date”",
  },
  grace: { length: sn(90, "A1", "confirmed", "90 days of suspension from the due date, then the certification expires"), unit: "days", label: "suspension" },
  graceActivitiesCount: flag(
    true,
    "R",
    "unconfirmed",
    "ASCM lets you apply during the 90 days of suspension; whether points earned then count is not stated. Recert counts them and warns.",
  ),
};

const NO_CARRY_OVER: Version["carryOver"] = {
  allowed: flag(false, "R", "unconfirmed", "no source mentions carry-over; points above the requirement are not carried"),
};

const EXAM_CREDENTIALS = [
  { value: "CPIM", label: "CPIM" },
  { value: "CSCP", label: "CSCP" },
  { value: "CLTD", label: "CLTD" },
  { value: "CTSC", label: "CTSC" },
];

/** Activity types present in both versions, parameterised by category and confidence. */
function hourlyAttendance(category: string, confidence: "confirmed" | "inferred"): ActivityType {
  return {
    id: "attend_training",
    label: "Conference, seminar, workshop or training",
    description:
      "Attending a supply-chain or operations conference, seminar, workshop, instructor-led course or in-house training. Not ASCM's own conferences (log those as ASCM conference).",
    unit: "hour",
    unitPlural: "hours",
    category,
    scoring: {
      kind: "per_unit",
      rate: sn(1, "A12", confidence, "1 point per hour of attendance"),
      increment: HOUR_INCREMENT,
      maxQuantity: inputLimit(500),
      quantityLabel: "Hours",
      unitShort: "h",
    },
    suggest: { title: "Attend a one-day workshop or training", quantity: 8, effort: "medium", divisible: true },
  };
}

function webinar(category: string, confidence: "confirmed" | "inferred"): ActivityType {
  return {
    id: "online_event",
    label: "Webinar or webcast",
    description: "An online educational event: webinar, webcast, virtual session. Count the educational hours.",
    unit: "hour",
    unitPlural: "hours",
    category,
    scoring: {
      kind: "per_unit",
      rate: sn(1, "A5", confidence, "1 point per educational hour"),
      increment: HOUR_INCREMENT,
      maxQuantity: inputLimit(500),
      quantityLabel: "Hours",
      unitShort: "h",
    },
    suggest: { title: "Watch supply-chain webinars", quantity: 4, effort: "low", divisible: true },
  };
}

function teaching(category: string, confidence: "confirmed" | "inferred"): ActivityType {
  return {
    id: "teach",
    label: "Teaching or presenting",
    description:
      "Teaching or presenting a course, seminar, workshop, conference session or review course. Hours of instruction only; preparation time does not count. The same topic counts once a year.",
    unit: "hour",
    unitPlural: "hours",
    category,
    scoring: {
      kind: "per_unit",
      rate: sn(2, "A11", confidence === "confirmed" ? "confirmed" : "secondary", "2 points per hour of instruction (half an hour = 1)"),
      increment: HOUR_INCREMENT,
      maxQuantity: inputLimit(500),
      quantityLabel: "Hours of instruction",
      unitShort: "h",
    },
    fields: [
      {
        key: "topic",
        label: "Topic",
        kind: "text",
        required: false,
        help: "The same topic taught again in the same calendar year does not count twice.",
      },
    ],
    oncePer: {
      fields: ["topic"],
      period: "calendar_year",
      label: "same topic once per calendar year",
      source: "A11",
      confidence,
    },
  };
}

function ascmConference(category: string, confidence: "secondary" | "inferred"): ActivityType {
  return {
    id: "ascm_conference",
    label: "ASCM conference",
    description: "Attending an ASCM/APICS conference (Connect, International Conference, S&OP …): 8 points a day, 3 days at most per conference.",
    unit: "day",
    unitPlural: "days",
    category,
    scoring: {
      kind: "per_unit",
      rate: sn(8, "A6", confidence, "8 points per conference day"),
      increment: sn(1, "A6", confidence, "whole days"),
      maxQuantity: inputLimit(14),
      quantityLabel: "Days attended",
      unitShort: "day",
    },
    fields: [{ key: "eventName", label: "Conference name", kind: "text", required: true, help: "Days of the same conference in the same year are added up and capped at 3." }],
    perEventCap: { field: "eventName", maxQuantity: sn(3, "A6", confidence, "3 days (24 points) at most per conference"), label: "3 days per conference" },
    suggest: { title: "Attend an ASCM conference", quantity: 3, details: { eventName: "ASCM conference" }, effort: "medium", perYear: 1, divisible: true },
  };
}

function collegeCourse(category: string, confidence: "secondary" | "inferred"): ActivityType {
  return {
    id: "college_course",
    label: "College or university course",
    description: "A college or university course relevant to supply chain or operations: credit hours × weeks.",
    unit: "course",
    unitPlural: "courses",
    category,
    scoring: {
      kind: "product",
      rate: sn(1, "A6", confidence, "points = credit hours × number of weeks"),
      factors: ["creditHours", "weeks"],
      formula: "credit hours × weeks",
    },
    fields: [
      { key: "creditHours", label: "Credit hours", kind: "number", required: true, min: sn(0.5, "R", "inferred", "smallest credit value Recert accepts"), max: inputLimit(12), step: sn(0.5, "R", "inferred", "half credit hours") },
      { key: "weeks", label: "Weeks", kind: "integer", required: true, min: sn(1, "R", "inferred", "at least one week"), max: inputLimit(52) },
    ],
  };
}

function certificationExam(category: string, confidence: "secondary" | "inferred"): ActivityType {
  return {
    id: "ascm_exam",
    label: "ASCM certification exam passed",
    description:
      "Passing an ASCM certification exam (CPIM, CSCP, CLTD, CTSC). The exam that earned a designation does not count for that designation; it counts for your other ASCM designations.",
    unit: "exam",
    unitPlural: "exams",
    category,
    scoring: { kind: "fixed", points: sn(20, "A6", confidence, "20 points per certification exam passed") },
    fields: [{ key: "credentialCode", label: "Exam", kind: "select", required: true, options: EXAM_CREDENTIALS }],
    notForOwnCredential: {
      field: "credentialCode",
      source: "A6",
      confidence: "secondary",
      note: "“initial exams passed to earn certification are not eligible”",
    },
  };
}

function moduleExam(category: string): ActivityType {
  return {
    id: "cpim_module_exam",
    label: "Legacy CPIM module exam passed",
    description: "One of the five modules of the legacy CPIM exam (BSCM, DSP, ECO, MPR, SMR).",
    unit: "exam",
    unitPlural: "exams",
    category,
    scoring: { kind: "fixed", points: sn(10, "A6", "secondary", "10 points per module exam") },
    fields: [
      {
        key: "module",
        label: "Module",
        kind: "select",
        required: true,
        options: ["BSCM", "DSP", "ECO", "MPR", "SMR"].map((m) => ({ value: m, label: m })),
      },
    ],
  };
}

function learningSystem(category: string, confidence: "secondary" | "inferred"): ActivityType {
  return {
    id: "learning_system",
    label: "ASCM learning system completed",
    description: "Completing an ASCM learning system with a post-assessment score of 80% or more.",
    unit: "learning system",
    unitPlural: "learning systems",
    category,
    scoring: { kind: "fixed", points: sn(30, "A6", confidence, "30 points per learning system") },
    fields: [
      { key: "system", label: "Learning system", kind: "select", required: true, options: EXAM_CREDENTIALS },
      {
        key: "score",
        label: "Post-assessment score (%)",
        kind: "number",
        required: true,
        min: sn(80, "A6", "secondary", "post-assessment score of 80% or more"),
        max: inputLimit(100),
        minMessage: "A learning system counts only with a post-assessment score of 80% or more.",
      },
    ],
  };
}

function endorsementExam(category: string, confidence: "secondary" | "inferred"): ActivityType {
  return {
    id: "endorsement_exam",
    label: "ASCM endorsement exam passed",
    description: "Passing an ASCM endorsement exam such as SCOR-P.",
    unit: "exam",
    unitPlural: "exams",
    category,
    scoring: { kind: "fixed", points: sn(10, "A6", confidence, "10 points per endorsement exam") },
    fields: [
      {
        key: "endorsement",
        label: "Endorsement",
        kind: "select",
        required: true,
        options: [
          { value: "SCOR-P", label: "SCOR-P" },
          { value: "other", label: "Another ASCM endorsement" },
        ],
      },
    ],
  };
}

function membership(category: string, confidence: "confirmed"): ActivityType {
  return {
    id: "ascm_membership",
    label: "ASCM membership year",
    description: "A year of ASCM membership (PLUS or CORE). Log each membership year once, dated on its first day.",
    unit: "membership year",
    unitPlural: "membership years",
    category,
    dateBasis: "start",
    scoring: { kind: "fixed", points: sn(6, "A5", confidence, "6 points per membership year") },
    fields: [
      {
        key: "membershipYear",
        label: "Membership year",
        kind: "integer",
        required: false,
        min: inputLimit(1957),
        max: inputLimit(2100),
        defaultsToYearOfDate: true,
        help: "The year the membership started; defaults to the year of the start date.",
      },
    ],
    oncePer: { fields: ["membershipYear"], period: "cycle", label: "one membership per membership year", source: "A5", confidence: "confirmed" },
    suggest: { title: "Renew your ASCM membership", titleIfNotMember: "Join ASCM (one membership year)", membership: true, effort: "low", perYear: 1 },
  };
}

function relatedMembership(category: string): ActivityType {
  return {
    id: "related_membership",
    label: "Membership of a related professional body",
    description: "A year of membership of a related national or international organisation.",
    unit: "membership year",
    unitPlural: "membership years",
    category,
    dateBasis: "start",
    scoring: { kind: "fixed", points: sn(1, "A12", "confirmed", "1 point per year") },
    fields: [
      { key: "organization", label: "Organisation", kind: "text", required: true },
      {
        key: "membershipYear",
        label: "Membership year",
        kind: "integer",
        required: false,
        min: inputLimit(1957),
        max: inputLimit(2100),
        defaultsToYearOfDate: true,
        help: "Defaults to the year of the start date.",
      },
    ],
    oncePer: { fields: ["organization", "membershipYear"], period: "cycle", label: "one point per organisation and membership year", source: "A12", confidence: "confirmed" },
    suggest: { title: "Renew your membership of a related professional body", details: { organization: "a related professional body" }, effort: "low", perYear: 1 },
  };
}

function publications(category: string, confidence: "confirmed" | "inferred"): ActivityType[] {
  const note = confidence === "inferred" ? "pre-2018 PPED value; the 2018 notice says most points stayed the same" : undefined;
  return [
    {
      id: "publication",
      label: "Published article or contribution",
      description: "A published article or a contribution to a book, monograph, magazine, newsletter or proceedings.",
      unit: "item",
      unitPlural: "items",
      category,
      scoring: { kind: "fixed", points: sn(2, "A11", confidence, note ?? "2 points per item") },
    },
    {
      id: "research_publication",
      label: "Original published research",
      description: "Original supply-chain research published in a journal or as a white paper.",
      unit: "item",
      unitPlural: "items",
      category,
      scoring: { kind: "fixed", points: sn(5, "A11", confidence, note ?? "5 points per item") },
    },
    {
      id: "cited_reference",
      label: "Publication cited as an ASCM certification reference",
      description: "Published material cited as a reference for an ASCM certification: +10 on top of the publication itself (log both).",
      unit: "item",
      unitPlural: "items",
      category,
      scoring: { kind: "fixed", points: sn(10, "A11", confidence, note ?? "+10 per item, on top of the publication") },
    },
  ];
}

function volunteerService(category: string, confidence: "inferred" | "unconfirmed"): ActivityType {
  return {
    id: "volunteer_service",
    label: "Volunteer service to ASCM",
    description:
      "Serving ASCM or APICS as a volunteer: chapter, district or association board, committees. Log each year of service once, dated in the year it counts for; service counts 5 points a year at most.",
    unit: "year of service",
    unitPlural: "years of service",
    category,
    dateBasis: "start",
    scoring: {
      kind: "fixed",
      points: sn(5, "A10", confidence, "all roles count the same; Recert gives one role-year the whole yearly maximum of 5"),
    },
    fields: [{ key: "role", label: "Role", kind: "text", required: false }],
    suggest: { title: "Volunteer for your ASCM chapter for a year", effort: "medium", perYear: 1 },
  };
}

function examSimulator(category: string): ActivityType {
  return {
    id: "exam_simulator",
    label: "CPIM Exam Simulator final exam passed",
    description: "Passing the final exam of the (discontinued) CPIM Exam Simulator with 75% or more. Counts once.",
    unit: "exam",
    unitPlural: "exams",
    category,
    scoring: { kind: "fixed", points: sn(5, "A5", "confirmed", "5 points, once") },
    fields: [
      {
        key: "score",
        label: "Score (%)",
        kind: "number",
        required: true,
        min: sn(75, "A5", "confirmed", "75% or more"),
        max: inputLimit(100),
        minMessage: "The Exam Simulator counts only with a final exam score of 75% or more.",
      },
    ],
    oncePer: { fields: [], period: "cycle", label: "once", source: "A5", confidence: "confirmed" },
  };
}

/** Rules before 4 January 2018: four categories, presentations and publications capped at 60% (80% for Fellows). */
const LEGACY: Version = {
  id: "ascm-legacy",
  label: "APICS rules before 4 January 2018",
  effectiveFrom: "1900-01-01",
  summary:
    "Four categories: Continuing Education (may make up all the points), Presentations/Publications/Educational Development (at most 60% of the required total, 80% for Fellows), Service and Professional Membership. Books, articles, project work and mentoring were not eligible.",
  cycle: CYCLE,
  categories: [
    { id: "legacy_continuing_education", label: "Continuing education (before 2018)", description: "May make up 100% of the points [A15]." },
    {
      id: "legacy_pped",
      label: "Presentations, publications and educational development (before 2018)",
      capShareOfRequired: {
        share: sn(0.6, "A11", "confirmed", "PPED at most 60% of the total points"),
        byCredential: {
          "CPIM-F": sn(0.8, "A11", "confirmed", "80% for CFPIM, now CPIM-F"),
          "CSCP-F": sn(0.8, "A11", "inferred", "the CFPIM share applied to the other Fellow levels"),
          "CLTD-F": sn(0.8, "A11", "inferred", "the CFPIM share applied to the other Fellow levels"),
        },
      },
    },
    {
      id: "legacy_service",
      label: "Service (before 2018)",
      capPerCalendarYear: sn(5, "R", "unconfirmed", "no pre-2018 service cap was found; Recert applies the 2018 cap"),
    },
    { id: "legacy_membership", label: "Professional membership (before 2018)" },
  ],
  activityTypes: [
    hourlyAttendance("legacy_continuing_education", "confirmed"),
    webinar("legacy_continuing_education", "confirmed"),
    ascmConference("legacy_continuing_education", "inferred"),
    collegeCourse("legacy_continuing_education", "inferred"),
    certificationExam("legacy_continuing_education", "secondary"),
    moduleExam("legacy_continuing_education"),
    learningSystem("legacy_continuing_education", "inferred"),
    endorsementExam("legacy_continuing_education", "inferred"),
    examSimulator("legacy_continuing_education"),
    teaching("legacy_pped", "confirmed"),
    ...publications("legacy_pped", "confirmed"),
    volunteerService("legacy_service", "unconfirmed"),
    membership("legacy_membership", "confirmed"),
    relatedMembership("legacy_membership"),
  ],
  carryOver: NO_CARRY_OVER,
};

/** Rules from 4 January 2018: Education and Service. */
const V2018: Version = {
  id: "ascm-2018",
  label: "ASCM rules from 4 January 2018",
  effectiveFrom: "2018-01-04",
  summary:
    "Two categories, Education and Service (at most 5 points a calendar year). Membership and presentations moved under Education; books, articles, project-management work and mentoring were added.",
  cycle: CYCLE,
  categories: [
    { id: "education", label: "Education", description: "No minimum and no maximum: education alone can cover all 75 points." },
    {
      id: "service",
      label: "Service",
      description: "Volunteer service to ASCM, at most 5 points a calendar year.",
      capPerCalendarYear: sn(5, "A10", "secondary", "service capped at 5 points per year, per person (per-person is inferred)"),
    },
  ],
  activityTypes: [
    hourlyAttendance("education", "confirmed"),
    webinar("education", "confirmed"),
    teaching("education", "inferred"),
    ascmConference("education", "secondary"),
    collegeCourse("education", "secondary"),
    certificationExam("education", "secondary"),
    moduleExam("education"),
    learningSystem("education", "secondary"),
    endorsementExam("education", "secondary"),
    membership("education", "confirmed"),
    relatedMembership("education"),
    {
      id: "book",
      label: "Relevant book read",
      description: "Reading a book relevant to supply chain or operations, of at least 200 pages.",
      unit: "book",
      unitPlural: "books",
      category: "education",
      scoring: { kind: "fixed", points: sn(5, "A7", "secondary", "5 points per book of 200 pages or more") },
      fields: [
        {
          key: "pages",
          label: "Pages",
          kind: "integer",
          required: true,
          min: sn(200, "A7", "secondary", "at least 200 pages"),
          max: inputLimit(5000),
          minMessage: "A book counts only from 200 pages.",
        },
      ],
      suggest: { title: "Read a relevant book of 200+ pages", details: { pages: 200 }, effort: "low" },
    },
    {
      id: "article_read",
      label: "Relevant article read",
      description: "Reading an article relevant to supply chain or operations: half a point per article.",
      unit: "article",
      unitPlural: "articles",
      category: "education",
      scoring: {
        kind: "per_unit",
        rate: sn(0.5, "A8", "secondary", "0.5 points per article"),
        increment: sn(1, "A8", "secondary", "whole articles"),
        maxQuantity: inputLimit(200),
        quantityLabel: "Articles",
        unitShort: "article",
      },
      suggest: { title: "Read relevant articles", quantity: 10, effort: "low", divisible: true },
    },
    {
      id: "pm_project",
      label: "Project-management work",
      description:
        "Relevant project-management work for your employer: 2, 5 or 10 points per project by hours. ASCM's hour thresholds were not found; Recert uses 40, 80 and 120 hours (unconfirmed).",
      unit: "hour",
      unitPlural: "hours",
      category: "education",
      scoring: {
        kind: "tiers",
        increment: HOUR_INCREMENT,
        maxQuantity: inputLimit(10000),
        quantityLabel: "Hours on the project",
        unitShort: "h",
        tiers: [
          { from: sn(40, "R", "unconfirmed", "hour threshold chosen by Recert (like SHRM's 40/80/120)"), points: sn(2, "A8", "secondary"), label: "small project" },
          { from: sn(80, "R", "unconfirmed", "hour threshold chosen by Recert"), points: sn(5, "A8", "secondary"), label: "medium project" },
          { from: sn(120, "R", "unconfirmed", "hour threshold chosen by Recert"), points: sn(10, "A8", "secondary"), label: "large project" },
        ],
      },
      fields: [{ key: "projectName", label: "Project", kind: "text", required: false }],
    },
    {
      id: "mentor",
      label: "ASCM Mentorship Program (mentor)",
      description: "Mentoring in the ASCM Mentorship Program: 2 points per mentee.",
      unit: "mentee",
      unitPlural: "mentees",
      category: "education",
      scoring: {
        kind: "per_unit",
        rate: sn(2, "A7", "secondary", "2 points per mentee"),
        increment: sn(1, "A7", "secondary", "whole mentees"),
        maxQuantity: inputLimit(50),
        quantityLabel: "Mentees",
        unitShort: "mentee",
      },
      suggest: { title: "Mentor someone in the ASCM Mentorship Program", quantity: 1, effort: "medium" },
    },
    ...publications("education", "inferred"),
    volunteerService("service", "inferred"),
    examSimulator("education"),
  ],
  carryOver: NO_CARRY_OVER,
};

export const ascmPack: PackData = {
  id: "ascm",
  issuer: "ASCM",
  name: "ASCM certification maintenance",
  unit: { one: "point", many: "points" },
  sources: ASCM_SOURCES,
  credentials: [
    { code: "CPIM", name: "Certified in Planning and Inventory Management", kind: "certification", requiredPoints: sn(75, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    { code: "CSCP", name: "Certified Supply Chain Professional", kind: "certification", requiredPoints: sn(75, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    { code: "CLTD", name: "Certified in Logistics, Transportation and Distribution", kind: "certification", requiredPoints: sn(75, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    { code: "CTSC", name: "Certified in Transformation for Supply Chain", kind: "certification", requiredPoints: sn(75, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    { code: "CPIM-F", name: "CPIM Fellow", kind: "fellow", requiredPoints: sn(100, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed"), note: "formerly CFPIM [A20]" },
    { code: "CSCP-F", name: "CSCP Fellow", kind: "fellow", requiredPoints: sn(100, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    { code: "CLTD-F", name: "CLTD Fellow", kind: "fellow", requiredPoints: sn(100, "A1", "confirmed"), maintained: flag(true, "A1", "confirmed") },
    {
      code: "SCOR-P",
      name: "SCOR Professional (endorsement)",
      kind: "endorsement",
      requiredPoints: null,
      maintained: flag(false, "A16", "confirmed", "ASCM says endorsements do not require maintenance"),
    },
  ],
  creditSharing: flag(true, "A6", "secondary", "“Points earned can be claimed for multiple certifications”"),
  versions: [LEGACY, V2018],
};
