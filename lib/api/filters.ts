/**
 * Resolves the API's `type` and `category` filters into what db/queries/activities filters by:
 * activity type ids (a category means every type scoring into it or into one of its
 * sub-categories, in any rule version) and, for types whose category the holder picks (PMI
 * talent areas, ISC2 groups), the picked category ids.
 */
import type { ActivityListFilters } from "@/db/queries/activities";
import { getPack, listPacks, type RulePack } from "@/lib/rules";

function packsFor(packId: string | undefined): RulePack[] {
  const ids = packId ? [packId] : listPacks().map((p) => p.id);
  return ids.map((id) => getPack(id)).filter((p): p is RulePack => Boolean(p));
}

/** The category and every ancestor of it, in one version's category tree. */
function ancestry(categoryId: string, parents: Map<string, string | undefined>): string[] {
  const out: string[] = [];
  let cur: string | undefined = categoryId;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = parents.get(cur);
  }
  return out;
}

export function categoryFilter(
  packId: string | undefined,
  types: string[] | undefined,
  categories: string[] | undefined,
): Pick<ActivityListFilters, "typeIds" | "detailCategoryIds"> {
  if (!categories?.length) return types?.length ? { typeIds: types } : {};
  const wanted = new Set(categories);
  const typeIds = new Set<string>();
  const picked = new Set<string>(wanted);
  for (const pack of packsFor(packId)) {
    for (const version of pack.versions) {
      const parents = new Map(version.categories.map((c) => [c.id, c.parentId]));
      for (const c of version.categories) if (ancestry(c.id, parents).some((a) => wanted.has(a))) picked.add(c.id);
      for (const t of version.activityTypes) {
        const fixed = t.categoryChoices === null && ancestry(t.categoryId, parents).some((c) => wanted.has(c));
        if (fixed) typeIds.add(t.id);
      }
    }
  }
  const inCategory = [...typeIds].filter((t) => !types?.length || types.includes(t));
  return { typeIds: inCategory, detailCategoryIds: types?.length ? undefined : [...picked] };
}
