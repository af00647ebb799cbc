import { describe, expect, test } from "vitest";
import { countsFor, type ActivityInput } from "@/lib/rules";
import { act, cert, hours } from "./helpers";

const CERTS = [cert("CPIM", "2021-06-01"), cert("CSCP", "2022-03-15"), cert("PMP", "2020-01-01", {}, "pmi"), cert("SCOR-P", "2020-01-01")];
const AS_OF = "2024-01-01";

describe("countsFor: which designations one activity counts for, and why", () => {
  test.each<[string, ActivityInput, [string, boolean, number | null, string][]]>([
    [
      "inside both windows: shared",
      hours("a", "2023-01-10", 2),
      [
        ["CPIM", true, 0, "Counts for the CPIM cycle due 2026-06-30."],
        ["CSCP", true, 0, "Counts for the CSCP cycle due 2027-03-31."],
        ["SCOR-P", false, null, "SCOR-P is an endorsement: ASCM does not require maintenance for it, so there is nothing to count."],
      ],
    ],
    [
      "before CSCP was earned",
      hours("a", "2021-12-01", 2),
      [
        ["CPIM", true, 0, "Counts for the CPIM cycle due 2026-06-30."],
        ["CSCP", false, null, "Its date (2021-12-01) is outside every cycle of CSCP."],
        ["SCOR-P", false, null, "SCOR-P is an endorsement: ASCM does not require maintenance for it, so there is nothing to count."],
      ],
    ],
    [
      "the exam that earned CSCP",
      act("e", "ascm_exam", "2022-03-15", { details: { credentialCode: "CSCP" } }),
      [
        ["CPIM", true, 0, "Counts for the CPIM cycle due 2026-06-30."],
        ["CSCP", false, 0, "It is the exam that earned CSCP, which does not count for CSCP."],
        ["SCOR-P", false, null, "SCOR-P is an endorsement: ASCM does not require maintenance for it, so there is nothing to count."],
      ],
    ],
    [
      "excluded from CPIM by the holder",
      hours("a", "2023-01-10", 2, { excludedCertificationIds: ["cpim"] }),
      [
        ["CPIM", false, null, "You chose not to count it for CPIM."],
        ["CSCP", true, 0, "Counts for the CSCP cycle due 2027-03-31."],
        ["SCOR-P", false, null, "SCOR-P is an endorsement: ASCM does not require maintenance for it, so there is nothing to count."],
      ],
    ],
  ])("%s", (_l, activity, expected) => {
    expect(countsFor(activity, CERTS, AS_OF).map((c) => [c.credentialCode, c.counts, c.cycleIndex, c.reason])).toEqual(expected);
  });

  test("an activity that cannot be scored counts for nothing, with the reason", () => {
    const out = countsFor(act("b", "book", "2023-01-10", { details: { pages: 150 } }), CERTS.slice(0, 1), AS_OF);
    expect(out).toEqual([
      {
        certificationId: "cpim",
        credentialCode: "CPIM",
        counts: false,
        cycleIndex: null,
        dueDate: null,
        reason: "The activity cannot be scored: A book counts only from 200 pages. You entered 150.",
      },
    ]);
  });

  test("PMI activities only look at PMI designations", () => {
    const out = countsFor(act("p", "volunteer", "2021-01-10", { quantity: 2 }, "pmi"), CERTS, AS_OF);
    expect(out.map((c) => [c.credentialCode, c.counts, c.dueDate])).toEqual([["PMP", true, "2022-12-31"]]);
  });
});
