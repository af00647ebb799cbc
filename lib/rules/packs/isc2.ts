/**
 * ISC2 CISSP: 120 CPE credits per three years, at least 90 in Group A (domain-related),
 * Group B (general professional development) at most 30; 40 a year is an advisory target.
 * Up to 40 Group A credits over the 120, earned in the last 6 months, roll over. 90 days of grace.
 * Sources: rules-research.md §8.3 (keys I1–I7).
 */
import type { PackData } from "../schema";
import { flag, inputLimit, sn } from "./helpers";

type Version = PackData["versions"][number];
type ActivityType = Version["activityTypes"][number];

const CPE_PER_HOUR = sn(1, "I5", "secondary", "1 CPE credit per hour");
const INCREMENT = sn(0.25, "R", "inferred", "quarter hours accepted (not stated by the sources)");

function hours(id: string, label: string, description: string, group: "choice" | "group_a" | "group_b", suggest?: ActivityType["suggest"]): ActivityType {
  const t: ActivityType = {
    id,
    label,
    description,
    unit: "hour",
    unitPlural: "hours",
    scoring: { kind: "per_unit", rate: CPE_PER_HOUR, increment: INCREMENT, maxQuantity: inputLimit(500), quantityLabel: "Hours", unitShort: "h" },
  };
  if (group === "choice") {
    t.categoryChoice = {
      label: "CPE group",
      options: ["group_a", "group_b"],
      help: "Group A: directly related to the CISSP domains. Group B: general professional development.",
    };
  } else {
    t.category = group;
  }
  if (suggest !== undefined) t.suggest = suggest;
  return t;
}

const V2015: Version = {
  id: "isc2-2015",
  label: "ISC2 CPE requirements for cycles from 1 January 2015",
  effectiveFrom: "2015-01-01",
  summary:
    "120 CPE credits every three years, at least 90 in Group A; Group B counts for 30 at most. 40 a year is recommended. Up to 40 Group A credits over 120 earned in the last 6 months roll over into the next cycle.",
  cycle: {
    lengthYears: sn(3, "I1", "secondary"),
    due: { rule: "day_before_anniversary", source: "I2", confidence: "inferred", note: "three years from the certification date" },
    renewal: { rule: "from_current_due_date", source: "I2", confidence: "inferred" },
    grace: { length: sn(90, "I5", "secondary", "90 days of grace after the cycle ends"), unit: "days", label: "grace period" },
    graceActivitiesCount: flag(true, "I5", "secondary", "activities in the grace period are valid"),
  },
  categories: [
    { id: "group_a", label: "Group A (domain-related)", min: sn(90, "I1", "secondary", "at least 90 Group A credits") },
    { id: "group_b", label: "Group B (professional development)", cap: sn(30, "I1", "secondary", "Group B counts for 30 at most") },
  ],
  activityTypes: [
    hours("training", "Training, course or seminar", "Classroom or online training, a course, seminar or conference session.", "choice", {
      title: "Take a one-day security training",
      quantity: 8,
      details: { categoryId: "group_a" },
      effort: "medium",
      divisible: true,
    }),
    hours("conference", "Conference", "Attending a security conference (count the educational hours).", "choice", {
      title: "Attend a security conference",
      quantity: 21,
      details: { categoryId: "group_a" },
      effort: "medium",
      perYear: 1,
      divisible: true,
    }),
    hours("webinar", "Webinar or podcast", "Webinars, podcasts and other online sessions.", "choice", {
      title: "Attend security webinars",
      quantity: 4,
      details: { categoryId: "group_a" },
      effort: "low",
      divisible: true,
    }),
    hours("reading", "Reading", "Reading a book, magazine or white paper (count the hours).", "choice", {
      title: "Read a security book",
      quantity: 5,
      details: { categoryId: "group_a" },
      effort: "low",
      divisible: true,
    }),
    hours("teaching", "Teaching or presenting", "Preparing and presenting security training or talks.", "group_a"),
    hours("writing", "Writing or publishing", "Writing a security article, white paper or book.", "group_a"),
    hours("volunteering", "Volunteering", "Volunteer work for ISC2 or another security body.", "choice"),
    hours("self_study", "Self-study", "Structured self-study or research.", "choice"),
    hours("professional_development", "Other professional development", "Non-security development: management, communication, languages.", "group_b"),
  ],
  carryOver: {
    allowed: flag(true, "I3", "confirmed"),
    max: sn(40, "I3", "confirmed", "up to 40 Group A credits"),
    withinLastMonths: sn(6, "I3", "confirmed", "earned in the last 6 months of the cycle"),
    categories: ["group_a"],
    into: "group_a",
  },
  annualTarget: { points: sn(40, "I1", "unconfirmed", "an annual requirement per [I1]; recommended only per [I2] [I5]"), enforcement: "advisory" },
};

export const isc2Pack: PackData = {
  id: "isc2",
  issuer: "ISC2",
  name: "ISC2 continuing professional education",
  unit: { one: "CPE credit", many: "CPE credits" },
  sources: {
    I1: { url: "https://isc2chapter-usmilitarygermany.org/earning-cpes/", title: "ISC2 chapter: earning CPEs" },
    I2: { url: "https://blog.balancedsec.com/p/you-passed-the-cissp-heres-how-to", title: "You passed the CISSP: here's how to keep it" },
    I3: { url: "https://www.isc2.org/Frequently-Asked-Questions/", title: "ISC2 FAQ (official)" },
    I5: { url: "https://isc2kenya.com/2024/05/13/managing-your-isc2-cpe-credits-and-activities", title: "ISC2 Kenya: managing your CPE credits" },
    I7: { url: "https://intrinsecsecurity.com/blog/training-certifications/in-pursuit-of-cpes/", title: "In pursuit of CPEs" },
    R: { url: "docs/rules.md#policies-recert-chose", title: "Recert's documented policy where the issuer is unclear" },
  },
  credentials: [
    {
      code: "CISSP",
      name: "Certified Information Systems Security Professional",
      kind: "certification",
      requiredPoints: sn(120, "I1", "secondary"),
      maintained: flag(true, "I1", "secondary"),
    },
  ],
  creditSharing: flag(true, "I7", "secondary", "the same CPEs count toward each ISC2 credential"),
  versions: [V2015],
};
