/**
 * Vitest setup: deep equality (toEqual, toStrictEqual) compares two contribution lists by their
 * contents, the Contribution objects they hold. Without it, a ContributionList's columns are
 * private fields that toEqual does not see, and any two lists of one length would be "equal".
 */
import { expect } from "vitest";
import { ContributionList } from "@/lib/rules/contributions";

expect.addEqualityTesters([
  function contributionLists(a: unknown, b: unknown, customTesters) {
    const aList = a instanceof ContributionList;
    const bList = b instanceof ContributionList;
    if (!aList && !bList) return undefined;
    const left = aList ? (a as ContributionList).toArray() : a;
    const right = bList ? (b as ContributionList).toArray() : b;
    return this.equals(left, right, customTesters);
  },
]);
