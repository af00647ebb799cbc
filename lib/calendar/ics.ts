/**
 * A small RFC 5545 writer for all-day events: CRLF line ends, lines folded at 75 octets (never
 * inside a UTF-8 character), TEXT values escaped. Pure: the caller passes the clock (DTSTAMP).
 */

export type CalendarEvent = {
  /** Stable across refreshes, so calendar apps update the event instead of duplicating it. */
  uid: string;
  /** The day, 'YYYY-MM-DD'. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
};

export type CalendarDoc = {
  name: string;
  description?: string;
  events: CalendarEvent[];
  /** DTSTAMP of every event. */
  now: Date;
};

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** RFC 5545 §3.1: a content line longer than 75 octets continues on the next line after CRLF + space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    // The first line holds 75 octets; continuation lines hold 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function compactDate(iso: string): string {
  return iso.replaceAll("-", "");
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + 1));
  return dt.toISOString().slice(0, 10);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function buildCalendar(doc: CalendarDoc): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Recert//Certification deadlines//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(doc.name)}`,
  ];
  if (doc.description) lines.push(`X-WR-CALDESC:${escapeText(doc.description)}`);
  // How often subscribers should refresh (Apple, Outlook; Google decides on its own).
  lines.push("REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H");
  const dtstamp = stamp(doc.now);
  for (const ev of doc.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(ev.uid)}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compactDate(ev.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(ev.date))}`,
      `SUMMARY:${escapeText(ev.summary)}`,
    );
    if (ev.description) lines.push(`DESCRIPTION:${escapeText(ev.description)}`);
    if (ev.url) lines.push(`URL;VALUE=URI:${ev.url}`);
    if (ev.categories?.length) lines.push(`CATEGORIES:${ev.categories.map(escapeText).join(",")}`);
    // All-day deadlines should not block the holder's free/busy time.
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
