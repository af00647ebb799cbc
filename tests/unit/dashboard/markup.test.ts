import { describe, expect, it } from "vitest";
import { cardBody, cardBodyHtml, chartSvg, esc, pointsChartHtml } from "@/lib/dashboard/markup";
import { chartModel } from "@/lib/dashboard/view";
import { type ActivityInput, evaluate, type ProgressReport } from "@/lib/rules";

const webinar = (id: string, date: string, hours: number): ActivityInput => ({ id, packId: "ascm", typeId: "online_event", title: `Webinar ${id}`, startDate: date, quantity: hours });

function report(id: string, earned: string, activities: ActivityInput[], asOf: string): ProgressReport {
  return evaluate({ certification: { id, packId: "ascm", credentialCode: "CPIM", earnedDate: earned }, activities, asOf });
}

/** Tags opened in an HTML fragment, in order (what a parser would see as elements). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
}

/** Whether every element opened is closed, in order (SVG's self-closed elements aside). */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe("esc", () => {
  it("escapes what could open a tag, an entity or leave an attribute, as React does", () => {
    expect(esc(`<script>alert("x")</script> & 'q'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;");
    expect(esc("S&OP")).toBe("S&amp;OP");
    expect(esc(12.5)).toBe("12.5");
    expect(esc("plain 10,000")).toBe("plain 10,000");
  });
});

describe("a designation card's markup", () => {
  const r = report("c1", "2022-09-10", [webinar("a", "2024-05-01", 20), webinar("b", "2026-10-01", 5)], "2027-01-15");

  it("names its section heading, progress bar and chart for assistive technology", () => {
    const html = cardBodyHtml(r, "points");
    expect(html).toContain('<h2 id="cert-c1-h" class="text-xl font-bold tracking-tight text-ink">CPIM</h2>');
    expect(html).toMatch(/role="progressbar" aria-label="CPIM points counted" aria-valuemin="0" aria-valuemax="75" aria-valuenow="\d+(\.\d+)?" aria-valuetext="[\d.]+ of 75 points"/);
    // One caption names both drawings; only one of them is displayed at a time.
    expect(html).toContain('<figure aria-labelledby="chart-c1-cap" class="min-w-0">');
    expect(html.match(/role="img" aria-labelledby="chart-c1-cap"/g)).toHaveLength(2);
    expect(html).toContain('class="h-auto w-full sm:hidden"');
    expect(html).toContain('class="h-auto w-full hidden sm:block"');
    expect(html).toMatch(/<figcaption id="chart-c1-cap" class="sr-only">Points counted over the cycle from [^<]+ so you are (ahead of|behind) that line\.<\/figcaption>/);
    expect(html).toContain("<time datetime=\"2027-01-15\">15 Jan 2027</time>");
    expect(balanced(html)).toBe(true);
  });

  it("draws the chart from the model, with the model's own numbers", () => {
    const m = chartModel(r, { width: 480, height: 230 });
    const svg = chartSvg(m, "cap", "x");
    const { left, right, top, bottom } = m.plot;
    expect(svg.startsWith('<svg viewBox="0 0 480 230" class="h-auto w-full x" role="img" aria-labelledby="cap">')).toBe(true);
    // Grid lines, one per y tick, in one path; the labels 6 px left of the plot, end-anchored.
    expect(svg).toContain(`<path d="${m.yTicks.map((t) => `M${left} ${t.y}H${right}`).join("")}" stroke="#e2e8f0" stroke-width="1"/>`);
    expect(svg).toContain(`<g font-size="12" fill="#4b5766"><g text-anchor="end">${m.yTicks.map((t) => `<text x="${left - 6}" y="${t.y + 4}">${t.label}</text>`).join("")}</g>`);
    expect(svg).toContain(`<g text-anchor="middle">${m.xTicks.map((t) => `<text x="${t.x}" y="${bottom + 18}">${t.label}</text>`).join("")}</g>`);
    expect(svg).toContain(`<path d="${m.xTicks.map((t) => `M${t.x} ${bottom}V${bottom + 4}`).join("")}M${left} ${bottom}H${right}" stroke="#94a3b8" stroke-width="1"/>`);
    expect(svg).toContain(`<path d="M${m.dueX} ${top}V${bottom}" stroke="#b45309" stroke-width="1" stroke-dasharray="2 3"/>`);
    expect(svg).toContain(`<path d="${m.targetPath}" fill="none" stroke="#64748b" stroke-width="2" stroke-dasharray="6 5"/>`);
    expect(m.todayX).not.toBeNull();
    expect(svg).toContain(`<path d="M${m.todayX} ${top}V${bottom}" stroke="#17705f" stroke-width="1" stroke-opacity="0.5"/>`);
    expect(svg).toMatch(/<text x="[\d.]+" y="12" text-anchor="(middle|end)" font-size="11" fill="#125a4d">today<\/text>/);
    expect(svg.endsWith(`<path d="${m.actualPath}" fill="none" stroke="#17705f" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/></svg>`)).toBe(true);
    expect(balanced(svg)).toBe(true);
  });

  it("escapes every interpolated value: a hostile id or unit cannot add an element or an attribute", () => {
    const hostile = report(`x"><script>alert(1)</script><b a='`, "2022-09-10", [webinar("a", "2024-05-01", 20)], "2027-01-15");
    const html = cardBodyHtml(hostile, `points</span><img src=x onerror=alert(1)>`);
    expect(tags(html)).not.toContain("script");
    expect(tags(html)).not.toContain("img");
    expect(tags(html)).not.toContain("b");
    expect(html).not.toMatch(/<[^>]*onerror/);
    expect(html).toContain('id="cert-x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b a=&#x27;-h"');
    expect(html).toContain("points&lt;/span&gt;&lt;img src=x onerror=alert(1)&gt; counted");
    expect(balanced(html)).toBe(true);
    expect(balanced(pointsChartHtml(hostile))).toBe(true);
  });

  it("is built once per report and unit, and is the same string on the next request", () => {
    const first = cardBody(r, "points");
    expect(cardBody(r, "points")).toBe(first);
    expect(first).toBe(cardBodyHtml(r, "points"));
    expect(cardBody(r, "credits")).toContain("credits counted");
    // A new report (the holder's data changed) gets its own markup.
    const next = report("c1", "2022-09-10", [webinar("a", "2024-05-01", 20), webinar("b", "2026-10-01", 5), webinar("c", "2026-12-01", 30)], "2027-01-15");
    expect(cardBody(next, "points")).not.toBe(first);
  });

  it("marks a cap reached and the points over it on the category bars", () => {
    // Volunteer service is capped at 5 points a calendar year (ASCM): four services in one year.
    const services: ActivityInput[] = Array.from({ length: 4 }, (_, i) => ({
      id: `s${i}`,
      packId: "ascm",
      typeId: "volunteer_service",
      title: `Chapter board ${i}`,
      startDate: `2024-05-0${i + 1}`,
      details: { year: 2024 },
    }));
    const capped = report("c2", "2022-09-10", services, "2027-01-15");
    expect(capped.categories.some((c) => c.trimmed > 0 && c.capReached)).toBe(true);
    const html = cardBodyHtml(capped, "points");
    expect(html).toMatch(/<div class="absolute inset-y-0 rounded-r-full bg-\[repeating-linear-gradient\(45deg,#cbd5e1_0_3px,#f1f5f9_3px_6px\)\]" style="left:[\d.]+%;width:[\d.]+%"><\/div>/);
    expect(html).toMatch(/<p class="mt-1 text-xs font-medium text-amber-900">Cap reached: at most 5 a calendar year · 15 over the cap not counted<\/p>/);
    expect(balanced(html)).toBe(true);
  });
});
