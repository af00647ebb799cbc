/**
 * What the summary says about each issuer's submission that the rule packs do not hold: the fee
 * to expect, where to type the totals, and the steps. The packs carry no fees, so they live here,
 * each with its source and the date it was last seen; the summary shows them as such.
 * Sources: /work/shared/reference/rules-research.md §4 (ASCM), §8.1 (PMI), §8.3 (ISC2).
 */

export type PackId = "ascm" | "pmi" | "isc2";

export interface FeeInfo {
  /** What the fee is for, e.g. "per maintenance application". */
  per: string;
  member: number;
  nonMember: number | null;
  currency: "USD";
  /** Who pays the member fee, plural: "ASCM members". */
  memberLabel: string;
  /** When a source last confirmed the figure, or null when the sources carry no date. */
  lastConfirmed: string | null;
  source: { key: string; url: string; title: string };
  note: string;
}

export interface IssuerSubmission {
  issuer: string;
  /** What the holder's id with the issuer is called. */
  holderIdLabel: string;
  /** Key of users.issuer_ids for this issuer. */
  issuerIdKey: string;
  /** How the issuer's form asks for the totals. */
  formPrompt: string;
  fee: FeeInfo;
  steps: string[];
  /** What the issuer asks for when it audits an application. */
  auditNote: string;
}

export const SUBMISSION: Record<PackId, IssuerSubmission> = {
  ascm: {
    issuer: "ASCM",
    holderIdLabel: "ASCM customer ID",
    issuerIdKey: "ascm",
    formPrompt: "ASCM's maintenance application asks you to enter the number of points earned in each category.",
    fee: {
      per: "per maintenance application (one per designation)",
      member: 75,
      nonMember: 150,
      currency: "USD",
      memberLabel: "ASCM members",
      lastConfirmed: "February 2021",
      // rules-research.md §4: "$75 for members / $150 for non-members per application", C-sec [A9] (Feb 2021); current fee unconfirmed.
      source: {
        key: "A9",
        url: "https://www.symix.bg/blog/posts/2021/february/how-to-maintain-your-apicsascm-cpim-cscp-and-cltd-certification/",
        title: "Symix (ASCM partner), February 2021",
      },
      note: "The current fee is not confirmed; ASCM shows it when you pay.",
    },
    // rules-research.md §4: log in → application → designation → points per category → pay → submit. C-off [A5]; C-sec [A7], [A4], [A3].
    steps: [
      "Sign in to your account on ascm.org.",
      "Open the online certification maintenance application.",
      "Choose the designation you are maintaining. Each designation is a separate application.",
      "Enter the points earned in each category, as listed under “Enter on ASCM's form”. You do not list the activities.",
      "Pay the maintenance fee.",
      "Submit. ASCM tells you on screen whether your application is accepted or selected for audit.",
      "If you are audited, send the documentation ASCM asks for. Your audit pack (ZIP) holds this summary and every evidence file.",
      "Come back here and mark the cycle as submitted, then as approved. Your next cycle then starts.",
    ],
    auditNote: "ASCM audits applications at random and asks for documentation only if you are audited.",
  },
  pmi: {
    issuer: "PMI",
    holderIdLabel: "PMI ID",
    issuerIdKey: "pmi",
    formPrompt: "PMI's Continuing Certification Requirements System (CCRS) records your PDUs per category and talent area.",
    fee: {
      per: "per renewal",
      member: 60,
      nonMember: 150,
      currency: "USD",
      memberLabel: "PMI members",
      lastConfirmed: null,
      // rules-research.md §8.1: "$60 for PMI members, $150 for non-members", C-sec [P4] [P5].
      source: {
        key: "P4",
        url: "http://blog.pdus2go.com/newsletters/understanding-the-end-of-the-pmp-certification-cycle/",
        title: "PDUs2Go: the end of the PMP certification cycle",
      },
      note: "From secondary, undated sources; PMI shows the current fee when you pay.",
    },
    steps: [
      "Sign in to PMI's Continuing Certification Requirements System (CCRS).",
      "Claim each activity's PDUs in its category and talent area, as listed in this summary.",
      "Once 60 PDUs are recorded and approved, pay the renewal fee.",
      "Keep your documentation for 18 months after the cycle ends, in case of an audit.",
      "Come back here and mark the cycle as submitted, then as approved. Your next cycle then starts.",
    ],
    auditNote: "PMI audits at random; keep documentation for 18 months after the cycle ends.",
  },
  isc2: {
    issuer: "ISC2",
    holderIdLabel: "ISC2 member ID",
    issuerIdKey: "isc2",
    formPrompt: "ISC2's member portal records your CPE credits per group (A or B).",
    fee: {
      per: "Annual Maintenance Fee, each certification anniversary",
      member: 135,
      nonMember: null,
      currency: "USD",
      memberLabel: "certified members",
      lastConfirmed: null,
      // rules-research.md §8.3: "The Annual Maintenance Fee of $135 is due each certification anniversary", C-sec [I2].
      source: { key: "I2", url: "https://blog.balancedsec.com/p/you-passed-the-cissp-heres-how-to", title: "You passed the CISSP: here's how to keep it" },
      note: "A yearly fee rather than a renewal fee, from a secondary, undated source; ISC2 shows the current amount.",
    },
    steps: [
      "Sign in to the ISC2 member portal.",
      "Record each activity's CPE credits in Group A or Group B, as listed in this summary.",
      "Make sure your Annual Maintenance Fees are paid.",
      "Keep proof of every activity for 12 months after the cycle ends; an audit must be answered within 90 days.",
      "Come back here and mark the cycle as submitted, then as approved. Your next cycle then starts.",
    ],
    auditNote: "ISC2 audits at random; keep proof for 12 months after the cycle ends.",
  },
};

export function submissionInfo(packId: string): IssuerSubmission | null {
  return packId === "ascm" || packId === "pmi" || packId === "isc2" ? SUBMISSION[packId] : null;
}
