/**
 * The rule tables of docs/rules.md, generated from the pack data so the document cannot drift
 * from the rules. tests/unit/rules/docs.test.ts checks that the document holds them verbatim;
 * to refresh after a pack change: `npx tsx tests/unit/rules/doc-tables.ts > /tmp/tables.md` and
 * paste each block between its markers.
 */
import type { PackData, SourcedNumber } from "@/lib/rules";
import { ascmPack } from "@/lib/rules/packs/ascm";
import { isc2Pack } from "@/lib/rules/packs/isc2";
import { pmiPack } from "@/lib/rules/packs/pmi";

type Version = PackData["versions"][number];
type Type = Version["activityTypes"][number];

const PACKS: PackData[] = [ascmPack, pmiPack, isc2Pack];

function n(x: SourcedNumber | undefined | null): string {
  return x === undefined || x === null ? "" : `${x.value} [${x.source}, ${x.confidence}]`;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function scoring(p: PackData, t: Type): string {
  const sc = t.scoring;
  const pts = p.unit.many;
  switch (sc.kind) {
    case "per_unit":
      return `${n(sc.rate)} ${pts} per ${t.unit}, steps of ${n(sc.increment)}`;
    case "fixed":
      return `${n(sc.points)} ${pts} per ${t.unit}`;
    case "product":
      return `${sc.formula} × ${n(sc.rate)}`;
    case "tiers":
      return sc.tiers.map((x) => `from ${n(x.from)} ${t.unitPlural}: ${n(x.points)}`).join("; ");
  }
}

function limits(t: Type): string {
  const out: string[] = [];
  if (t.perEventCap) out.push(`${t.perEventCap.label}: ${n(t.perEventCap.maxQuantity)} ${t.unitPlural}`);
  if (t.oncePer) out.push(`${t.oncePer.label} [${t.oncePer.source}, ${t.oncePer.confidence}]`);
  if (t.notForOwnCredential) out.push(`not for the designation it earned [${t.notForOwnCredential.source}, ${t.notForOwnCredential.confidence}]`);
  for (const f of t.fields ?? []) if (f.min !== undefined && f.minMessage !== undefined) out.push(`${f.label} at least ${n(f.min)}`);
  if (t.categoryChoice) out.push(`holder picks: ${t.categoryChoice.options.join(", ")}`);
  return out.join("; ");
}

export function packTables(p: PackData): string {
  const lines: string[] = [];
  lines.push(`<!-- generated:${p.id} -->`);
  lines.push("");
  lines.push("| Credential | Name | Required per cycle | Maintained |");
  lines.push("|---|---|---|---|");
  for (const c of p.credentials)
    lines.push(`| ${c.code} | ${cell(c.name)} | ${c.requiredPoints === null ? "none" : n(c.requiredPoints)} | ${c.maintained.value ? "yes" : "no"} [${c.maintained.source}, ${c.maintained.confidence}] |`);
  lines.push("");
  lines.push(`Credit sharing between ${p.issuer} designations: ${p.creditSharing.value ? "yes" : "no"} [${p.creditSharing.source}, ${p.creditSharing.confidence}].`);
  for (const v of p.versions) {
    const cy = v.cycle;
    lines.push("");
    lines.push(`#### ${v.label} (\`${v.id}\`, from ${v.effectiveFrom})`);
    lines.push("");
    lines.push(cell(v.summary));
    lines.push("");
    lines.push("| Cycle rule | Value |");
    lines.push("|---|---|");
    lines.push(`| Length | ${n(cy.lengthYears)} years |`);
    lines.push(`| Due date | ${cy.due.rule.replace(/_/g, " ")} [${cy.due.source}, ${cy.due.confidence}] |`);
    lines.push(`| After an approved renewal | ${cy.renewal.rule.replace(/_/g, " ")} [${cy.renewal.source}, ${cy.renewal.confidence}] |`);
    lines.push(`| ${cy.grace.label[0]?.toUpperCase()}${cy.grace.label.slice(1)}, then expiry | ${n(cy.grace.length)} ${cy.grace.unit} |`);
    lines.push(`| Activities during the ${cy.grace.label} count | ${cy.graceActivitiesCount.value ? "yes" : "no"} [${cy.graceActivitiesCount.source}, ${cy.graceActivitiesCount.confidence}] |`);
    const co = v.carryOver;
    lines.push(
      `| Carry-over | ${co.allowed.value ? `up to ${n(co.max)} earned in the last ${n(co.withinLastMonths)} months${co.categories ? `, only ${co.categories.join(", ")}` : ""}` : "none"} [${co.allowed.source}, ${co.allowed.confidence}] |`,
    );
    if (v.annualTarget) lines.push(`| Yearly target (${v.annualTarget.enforcement}) | ${n(v.annualTarget.points)} |`);
    lines.push("");
    lines.push("| Category | Within | Minimum | Maximum |");
    lines.push("|---|---|---|---|");
    for (const c of v.categories) {
      const caps = [
        c.cap ? `${n(c.cap)} per cycle` : "",
        c.capPerCalendarYear ? `${n(c.capPerCalendarYear)} per calendar year` : "",
        c.capShareOfRequired
          ? `${n(c.capShareOfRequired.share)} of the required total${Object.entries(c.capShareOfRequired.byCredential ?? {})
              .map(([code, x]) => `; ${code}: ${n(x)}`)
              .join("")}`
          : "",
      ].filter((x) => x !== "");
      lines.push(`| ${cell(c.label)} (\`${c.id}\`) | ${c.parentId ?? ""} | ${n(c.min)} | ${caps.join("; ")} |`);
    }
    lines.push("");
    lines.push("| Activity type | Category | Points | Limits and conditions |");
    lines.push("|---|---|---|---|");
    for (const t of v.activityTypes) lines.push(`| ${cell(t.label)} (\`${t.id}\`) | ${t.category ?? "holder picks"} | ${cell(scoring(p, t))} | ${cell(limits(t))} |`);
  }
  lines.push("");
  lines.push("| Source | What | URL |");
  lines.push("|---|---|---|");
  for (const [k, s] of Object.entries(p.sources)) lines.push(`| ${k} | ${cell(s.title)} | ${s.url} |`);
  lines.push("");
  lines.push("<!-- /generated -->");
  return lines.join("\n");
}

export function allTables(): string[] {
  return PACKS.map(packTables);
}

if (process.argv[1]?.endsWith("doc-tables.ts")) console.log(allTables().join("\n\n"));
