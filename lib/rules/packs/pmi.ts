/**
 * PMI PMP, Continuing Certification Requirements: 60 PDUs per three years from the exam date.
 * Education at least 35, with at least 8 in each talent area (Ways of Working, Power Skills,
 * Business Acumen); Giving Back at most 25, of which Working as a Practitioner at most 8.
 * Sources: rules-research.md §8.1 (keys P1–P14).
 */
import type { PackData } from "../schema";
import { flag, inputLimit, sn } from "./helpers";

type Version = PackData["versions"][number];
type ActivityType = Version["activityTypes"][number];

const TALENT_AREAS = ["ways_of_working", "power_skills", "business_acumen"];
const INCREMENT = sn(0.25, "P6", "secondary", "PDUs are reported in quarter-hour increments");
const PDU_PER_HOUR = sn(1, "P6", "secondary", "1 PDU per hour");

function hours(id: string, label: string, description: string, category: { education: true } | { category: string }, suggest?: ActivityType["suggest"]): ActivityType {
  const base: ActivityType = {
    id,
    label,
    description,
    unit: "hour",
    unitPlural: "hours",
    scoring: { kind: "per_unit", rate: PDU_PER_HOUR, increment: INCREMENT, maxQuantity: inputLimit(500), quantityLabel: "Hours", unitShort: "h" },
  };
  if ("education" in category) {
    base.categoryChoice = {
      label: "Talent area",
      options: TALENT_AREAS,
      help: "Pick the talent area this activity develops. An activity that spans several areas can be logged as one activity per area.",
    };
  } else {
    base.category = category.category;
  }
  if (suggest !== undefined) base.suggest = suggest;
  return base;
}

const V2015: Version = {
  id: "pmi-2015",
  label: "PMI CCR with the Talent Triangle (from 1 December 2015)",
  effectiveFrom: "2015-12-01",
  summary:
    "60 PDUs every three years: at least 35 in Education (at least 8 in each talent area) and at most 25 in Giving Back (Working as a Practitioner at most 8). Up to 20 PDUs earned in the last 12 months beyond the 60 carry over.",
  cycle: {
    lengthYears: sn(3, "P2", "confirmed"),
    due: { rule: "day_before_anniversary", source: "P3", confidence: "secondary", note: "passed 15 Sep 2009 → renew by 14 Sep 2012" },
    renewal: { rule: "from_current_due_date", source: "P3", confidence: "inferred", note: "the next cycle starts the day after the current one ends" },
    grace: { length: sn(1, "P4", "secondary", "one year of suspension, then the certification expires"), unit: "years", label: "suspension" },
    graceActivitiesCount: flag(true, "P4", "secondary", "PDUs earned during the suspension count"),
  },
  categories: [
    { id: "education", label: "Education", min: sn(35, "P1", "secondary", "at least 35 PDUs of Education") },
    { id: "ways_of_working", label: "Ways of Working", parentId: "education", min: sn(8, "P1", "secondary", "at least 8 PDUs") },
    { id: "power_skills", label: "Power Skills", parentId: "education", min: sn(8, "P1", "secondary", "at least 8 PDUs") },
    { id: "business_acumen", label: "Business Acumen", parentId: "education", min: sn(8, "P1", "secondary", "at least 8 PDUs") },
    { id: "giving_back", label: "Giving Back", cap: sn(25, "P1", "secondary", "at most 25 PDUs") },
    { id: "working_as_practitioner", label: "Working as a practitioner", parentId: "giving_back", cap: sn(8, "P1", "secondary", "at most 8 PDUs, inside Giving Back") },
  ],
  activityTypes: [
    hours("course_training", "Course or training", "A course or training by a PMI Authorized Training Partner, a chapter or another provider.", { education: true }, {
      title: "Take a one-day course",
      quantity: 8,
      effort: "medium",
      divisible: true,
    }),
    hours("online_digital_media", "Online or digital media", "Webinars, podcasts, videos and other self-paced digital learning.", { education: true }, {
      title: "Watch webinars or podcasts",
      quantity: 4,
      effort: "low",
      divisible: true,
    }),
    hours("reading", "Reading", "Reading books, articles or blogs related to your work.", { education: true }, { title: "Read a book", quantity: 5, effort: "low", divisible: true }),
    hours("informal_learning", "Informal learning", "Structured discussions, mentoring or job shadowing where you learn.", { education: true }),
    hours("organization_meetings", "Organization meetings", "Educational parts of PMI chapter or professional-body meetings.", { education: true }),
    hours("work_as_practitioner", "Working as a practitioner", "Working as a project management professional (at most 8 PDUs per cycle).", { category: "working_as_practitioner" }, {
      title: "Claim your work as a practitioner",
      quantity: 8,
      effort: "low",
      divisible: true,
    }),
    hours("create_content", "Creating content", "Writing articles, books, blogs, webinars or presentations.", { category: "giving_back" }),
    hours("give_presentation", "Giving a presentation", "Presenting at a conference, chapter meeting or webinar.", { category: "giving_back" }),
    hours("share_knowledge", "Sharing knowledge", "Mentoring, coaching or teaching others.", { category: "giving_back" }),
    hours("volunteer", "Volunteering", "Volunteer service to a non-employer organisation.", { category: "giving_back" }, { title: "Volunteer for your PMI chapter", quantity: 10, effort: "medium", divisible: true }),
  ],
  carryOver: {
    allowed: flag(true, "P6", "secondary"),
    max: sn(20, "P6", "secondary", "at most 20 PDUs carry over"),
    withinLastMonths: sn(12, "P7", "secondary", "only PDUs earned in the last 12 months of the cycle"),
  },
};

export const pmiPack: PackData = {
  id: "pmi",
  issuer: "PMI",
  name: "PMI Continuing Certification Requirements",
  unit: { one: "PDU", many: "PDUs" },
  sources: {
    P1: { url: "https://projectvictor.com/knowledge-base/?p=3765", title: "PMP PDU categories and talent areas" },
    P2: { url: "https://www.pmi.org/certifications/maintain/", title: "PMI: maintain your certification (official)" },
    P3: { url: "http://www.pmiolympia.org/maintaining-certification", title: "PMI Olympia chapter: maintaining certification" },
    P4: { url: "http://blog.pdus2go.com/newsletters/understanding-the-end-of-the-pmp-certification-cycle/", title: "PDUs2Go: the end of the PMP certification cycle" },
    P6: { url: "https://prothoughts.co.in/blog/pmi-pdus-frequently-asked-questions", title: "PMI PDU frequently asked questions" },
    P7: { url: "https://www.projectmanagement.com/discussion-topic/61850/Do-PDUs-roll-over-to-next-certification-cycle-", title: "ProjectManagement.com: do PDUs roll over" },
    P9: { url: "http://mosaicprojects.com.au/Training_PDUs.html", title: "Mosaic Projects: PDUs across PMI credentials" },
    P10: { url: "https://pmstudycircle.com/changes-to-ccr-cycle-after-december-1st-2015/", title: "Changes to the CCR cycle after 1 December 2015" },
    P11: { url: "https://gururo.com/mastering-the-pmp-certification-status-from-active-to-expired/", title: "PMP status from active to expired" },
    R: { url: "docs/rules.md#policies-recert-chose", title: "Recert's documented policy where the issuer is unclear" },
  },
  credentials: [
    { code: "PMP", name: "Project Management Professional", kind: "certification", requiredPoints: sn(60, "P2", "confirmed"), maintained: flag(true, "P2", "confirmed") },
  ],
  creditSharing: flag(true, "P9", "secondary", "the same PDUs count for each PMI credential"),
  versions: [V2015],
};
