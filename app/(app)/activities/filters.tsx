"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { ButtonLink, Field, inputClass, SelectField } from "@/app/_components/ui";
import type { ListQuery } from "@/lib/activities/list-query";

type Option = { value: string; label: string };

/**
 * The list's filters as a GET form: the state lives in the URL (shareable, the back button
 * works) and it works without JavaScript. With JavaScript, empty fields and defaults are left out
 * of the URL. Changing a filter starts again at page 1.
 */
export function ActivityFilters({
  query,
  sorts,
  certifications,
  categories,
  typeGroups,
}: {
  query: ListQuery;
  sorts: Option[];
  certifications: Option[];
  categories: Option[];
  typeGroups: { label: string; options: Option[] }[];
}) {
  const router = useRouter();
  const more = [query.cert, query.category, query.type, query.from, query.to, query.missing].filter(Boolean).length;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const sp = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget).entries()) {
      if (typeof v !== "string" || v.trim() === "" || (k === "sort" && v === "date_desc")) continue;
      sp.set(k, v.trim());
    }
    const s = sp.toString();
    router.push(s ? `/activities?${s}` : "/activities");
  }
  return (
    <form method="get" action="/activities" onSubmit={onSubmit} role="search" aria-label="Filter activities" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end">
        <Field label="Search title and provider" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
        <SelectField label="Sort" name="sort" defaultValue={query.sort} options={sorts} />
        <div className="flex gap-2">
          <button type="submit" className="min-h-10 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Apply
          </button>
          {more > 0 || query.q || query.sort !== "date_desc" ? (
            <ButtonLink href="/activities" kind="ghost">
              Clear
            </ButtonLink>
          ) : null}
        </div>
      </div>
      <details open={more > 0}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          More filters{more > 0 ? ` (${more} on)` : ""}
        </summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField label="Designation" name="cert" defaultValue={query.cert ?? ""} options={[{ value: "", label: "All designations" }, ...certifications]} />
          <SelectField label="Category" name="category" defaultValue={query.category ?? ""} options={[{ value: "", label: "All categories" }, ...categories]} />
          <div className="space-y-1">
            <label htmlFor="f-type" className="block text-sm font-medium text-ink">
              Type
            </label>
            <select id="f-type" name="type" defaultValue={query.type ?? ""} className={inputClass}>
              <option value="">All types</option>
              {typeGroups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <Field label="From" name="from" type="date" defaultValue={query.from ?? ""} />
          <Field label="To" name="to" type="date" defaultValue={query.to ?? ""} />
          <div className="flex items-center gap-3 sm:pt-6">
            <input id="f-missing" name="missing" type="checkbox" value="1" defaultChecked={query.missing === "1"} className="h-4 w-4 accent-brand-600" />
            <label htmlFor="f-missing" className="text-sm font-medium">
              Only activities without evidence
            </label>
          </div>
        </div>
      </details>
    </form>
  );
}
