/**
 * The activity form's flat string values (what inputs hold) to and from stored activities, and
 * the differences between what the holder typed and a newer saved version. Pure.
 */
import type { ActivityFields } from "@/db/queries/activities";
import { formatDate } from "@/lib/dates";
import { activityFormFields } from "./input";

export type FormValues = Record<string, string>;

type StoredActivity = ActivityFields & { excludedCertificationIds: string[] };

function num(n: number | null): string {
  return n === null ? "" : String(n);
}

/** The inputs' values for a stored activity. */
export function activityToFormValues(a: StoredActivity): FormValues {
  const v: FormValues = {
    packId: a.packId,
    typeId: a.typeId,
    title: a.title,
    provider: a.provider ?? "",
    startDate: a.startDate,
    endDate: a.endDate ?? "",
    quantity: num(a.quantity),
    manualPoints: num(a.manualPoints),
    manualReason: a.manualReason ?? "",
    notes: a.notes ?? "",
    excluded: a.excludedCertificationIds.join(","),
  };
  for (const [k, val] of Object.entries(a.details)) {
    if (val === null || val === undefined) continue;
    v[`details.${k}`] = typeof val === "boolean" ? (val ? "on" : "") : String(val);
  }
  return v;
}

/**
 * A submitted form as validateActivity input. Checkboxes name the designations it counts for
 * (`countFor`) among those shown (`shownCertIds`); the rest shown are excluded.
 */
export function formDataToDraft(formData: FormData): { raw: Record<string, unknown>; values: FormValues } {
  const raw: Record<string, unknown> = {};
  const values: FormValues = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== "string" || k.startsWith("$ACTION") || k === "countFor") continue;
    raw[k] = v;
    values[k] = v;
  }
  const shown = String(formData.get("shownCertIds") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const counted = new Set(formData.getAll("countFor").filter((x): x is string => typeof x === "string"));
  const excluded = shown.filter((id) => !counted.has(id));
  raw.excludedCertificationIds = excluded;
  values.excluded = excluded.join(",");
  delete raw.shownCertIds;
  delete raw.id;
  delete raw.version;
  delete raw.saveAnyway;
  return { raw, values };
}

export type Change = { label: string; yours: string; saved: string };

/** What differs between the holder's draft and the saved (newer) version, in words. */
export function activityChanges(
  mine: StoredActivity,
  saved: StoredActivity,
  labels: { type: (id: string) => string; certification: (id: string) => string },
): Change[] {
  const labelOfType = labels.type;
  const certs = (ids: string[]) => ids.map(labels.certification).sort().join(", ");
  const out: Change[] = [];
  const add = (label: string, a: string, b: string) => {
    if (a !== b) out.push({ label, yours: a || "(empty)", saved: b || "(empty)" });
  };
  add("Type", labelOfType(mine.typeId), labelOfType(saved.typeId));
  add("Title", mine.title, saved.title);
  add("Provider", mine.provider ?? "", saved.provider ?? "");
  add("Date", formatDate(mine.startDate), formatDate(saved.startDate));
  add("Last day", formatDate(mine.endDate), formatDate(saved.endDate));
  const fields = activityFormFields(saved.packId, saved.typeId, saved.endDate ?? saved.startDate);
  const quantityLabel = fields.find((f) => f.key === "quantity")?.label ?? "Quantity";
  add(quantityLabel, num(mine.quantity), num(saved.quantity));
  const keys = new Set([...Object.keys(mine.details), ...Object.keys(saved.details)]);
  for (const k of keys) {
    const label = fields.find((f) => f.key === k)?.label ?? k;
    add(label, String(mine.details[k] ?? ""), String(saved.details[k] ?? ""));
  }
  add("Points set by hand", num(mine.manualPoints), num(saved.manualPoints));
  add("Reason for the points", mine.manualReason ?? "", saved.manualReason ?? "");
  add("Notes", mine.notes ?? "", saved.notes ?? "");
  add("Not counted for", certs(mine.excludedCertificationIds), certs(saved.excludedCertificationIds));
  return out;
}
