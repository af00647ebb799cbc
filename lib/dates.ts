/**
 * Calendar dates are 'YYYY-MM-DD' strings. "Today" is the holder's own date in their time zone,
 * computed once per request and passed down as `asOf`.
 */
export type ISODate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs about half a millisecond,
 * more than the rest of a small request's work (bench:reminders calls this once per holder).
 * The cache holds at most the IANA zones (a few hundred); an unknown zone is not cached.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      return timeZone === "UTC" ? new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" }) : dayFormat("UTC");
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date of `now` in `timeZone` (falls back to UTC for an unknown zone). */
export function todayIn(timeZone: string, now: Date = new Date()): ISODate {
  const parts = dayFormat(timeZone).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && y >= 1900 && y <= 2200;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "15 Mar 2027": unambiguous in every locale. */
export function formatDate(iso: ISODate | null | undefined): string {
  if (!iso) return "";
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

// Built once: toLocaleString with options builds a new formatter on every call (~60 µs; a
// dashboard formats a few hundred numbers per request — bench:dashboard's profile).
const pointsFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Points with at most two decimals, no trailing zeros: 12, 12.5, 0.25. */
export function formatPoints(n: number): string {
  return pointsFormat.format(Math.round(n * 100) / 100);
}
