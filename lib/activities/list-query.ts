/**
 * The activity list's state lives in the URL (shareable; the back button works). This parses a
 * query string into filters, never trusting it: an unknown or malformed value is dropped, so an
 * old or hand-edited link still opens a list. Pure.
 */
import { z } from "zod";
import type { ActivitySort } from "@/db/queries/activities";
import { isIsoDate } from "@/lib/dates";

export const SORTS: { value: ActivitySort; label: string }[] = [
  { value: "date_desc", label: "Newest first" },
  { value: "date_asc", label: "Oldest first" },
  { value: "title_asc", label: "Title A–Z" },
  { value: "title_desc", label: "Title Z–A" },
  { value: "created_desc", label: "Recently added" },
];
export const PAGE_SIZE = 50;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const id = z.string().regex(/^[a-z0-9_]{1,60}$/);
const date = z.string().refine(isIsoDate);
const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

const ListQuerySchema = z.object({
  cert: opt(uuid),
  category: opt(id),
  type: opt(id),
  from: opt(date),
  to: opt(date),
  missing: opt(z.literal("1")),
  q: opt(z.string().trim().min(1).max(200)),
  sort: z.enum(["date_desc", "date_asc", "title_asc", "title_desc", "created_desc"]).catch("date_desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

type Params = Record<string, string | string[] | undefined>;

export function parseListQuery(params: Params): ListQuery {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string" && first !== "") flat[k] = first;
  }
  return ListQuerySchema.parse(flat);
}

/** The query string of a list state, with `patch` applied; defaults are left out. A filter change goes back to page 1. */
export function listHref(q: ListQuery, patch: Partial<Record<keyof ListQuery, string | number | undefined>> = {}): string {
  const merged: Record<string, string | number | undefined> = { ...q, ...patch };
  if (!("page" in patch)) merged.page = 1;
  const sp = new URLSearchParams();
  for (const key of ["cert", "category", "type", "from", "to", "missing", "q", "sort", "page"] as const) {
    const v = merged[key];
    if (v === undefined || v === "") continue;
    if (key === "sort" && v === "date_desc") continue;
    if (key === "page" && Number(v) === 1) continue;
    sp.set(key, String(v));
  }
  const s = sp.toString();
  return s ? `/activities?${s}` : "/activities";
}

export function hasFilters(q: ListQuery): boolean {
  return Boolean(q.cert || q.category || q.type || q.from || q.to || q.missing || q.q);
}
