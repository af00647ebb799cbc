import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarEvents, holderCalendar } from "@/lib/calendar/events";
import { buildCalendar, escapeText, foldLine } from "@/lib/calendar/ics";
import { feedUrls, newCalendarToken, tokenFromFeedName } from "@/lib/calendar/token";
import { evaluate } from "@/lib/rules";

const NOW = new Date("2027-01-15T12:00:00Z");
const report = evaluate({
  certification: { id: "3c1d1f6a-0d5e-4c1b-8f55-5b7f0b0e9a01", packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-03-10" },
  activities: [{ id: "a", packId: "ascm", typeId: "online_event", startDate: "2024-05-01", quantity: 20 }],
  asOf: "2027-01-15",
});

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents("vevent").map((v) => {
    const ev = new ICAL.Event(v);
    return { uid: ev.uid, summary: ev.summary, start: ev.startDate, end: ev.endDate, description: ev.description };
  });
}

describe("ICS feed", () => {
  const text = holderCalendar([report], { holderName: "Dana", appUrl: "https://recert.example.com", now: NOW });

  it("is RFC 5545 text: CRLF lines no longer than 75 octets", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("parses with ical.js into all-day events on the right dates", () => {
    const events = parse(text);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const id = report.certificationId;
    const due = byUid.get(`due-${id}-2027-03-31@recert.app`);
    expect(due?.summary).toBe("CSCP maintenance due");
    expect(due?.start.isDate).toBe(true);
    expect(due?.start.toString()).toBe("2027-03-31");
    expect(due?.end.toString()).toBe("2027-04-01");
    expect(due?.description).toContain("20 of 75 points counted on 15 Jan 2027; 55 to go.");
    expect(byUid.get(`suspension-end-${id}-2027-03-31@recert.app`)?.start.toString()).toBe("2027-06-29");
    const milestones = events.filter((e) => e.uid?.startsWith("reminder-")).map((e) => [e.summary, e.start.toString()]);
    expect(milestones).toEqual([
      ["CSCP due in 365 days", "2026-03-31"],
      ["CSCP due in 180 days", "2026-10-02"],
      ["CSCP due in 90 days", "2026-12-31"],
      ["CSCP due in 30 days", "2027-03-01"],
      ["CSCP due in 7 days", "2027-03-24"],
    ]);
  });

  it("keeps UIDs stable across refreshes and days", () => {
    const later = evaluate({
      certification: { id: report.certificationId, packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-03-10" },
      activities: [],
      asOf: "2027-02-20",
    });
    expect(calendarEvents([later], "https://x").map((e) => e.uid)).toEqual(calendarEvents([report], "https://x").map((e) => e.uid));
  });

  it("escapes TEXT and folds long UTF-8 lines without splitting a character", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = "SUMMARY:" + "Zürich — é".repeat(20);
    const folded = foldLine(long);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    const doc = buildCalendar({ name: "N", now: NOW, events: [{ uid: "u@x", date: "2028-02-29", summary: "Zürich, due; \"now\"".repeat(5) }] });
    const [ev] = parse(doc);
    expect(ev?.summary).toBe("Zürich, due; \"now\"".repeat(5));
    expect(ev?.end.toString()).toBe("2028-03-01");
  });
});

describe("feed tokens", () => {
  it("are 32 random bytes in base64url, read back from <token>.ics only", () => {
    const t = newCalendarToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, "base64url")).toHaveLength(32);
    expect(newCalendarToken()).not.toBe(t);
    expect(tokenFromFeedName(`${t}.ics`)).toBe(t);
    expect(tokenFromFeedName(t)).toBeNull();
    expect(tokenFromFeedName("short.ics")).toBeNull();
    expect(tokenFromFeedName(`${t.slice(0, 42)}/.ics`)).toBeNull();
  });

  it("gives https and webcal addresses", () => {
    expect(feedUrls("https://r.example", "abc")).toEqual({ https: "https://r.example/api/calendar/abc.ics", webcal: "webcal://r.example/api/calendar/abc.ics" });
  });
});
