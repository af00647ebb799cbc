import Link from "next/link";
import { Card } from "@/app/_components/ui";
import type { LatestActivity } from "@/lib/dashboard/view";
import { formatDate, formatPoints } from "@/lib/dates";

export function LatestActivities({ items, total }: { items: LatestActivity[]; total: number }) {
  return (
    <Card aria-labelledby="latest-h">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="latest-h" className="text-lg font-semibold">
          Latest activities
        </h2>
        {total > 0 ? (
          <Link href="/activities" className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            All {total.toLocaleString("en-US")}
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-muted">
          Nothing logged yet.{" "}
          <Link href="/activities/new" className="font-medium text-brand-700 underline underline-offset-2">
            Log your first activity
          </Link>{" "}
          and see it counted here.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {items.map((a) => (
            <li key={a.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <Link href={`/activities/${a.id}`} className="block truncate font-medium text-ink underline-offset-2 hover:underline" title={a.title}>
                  {a.title}
                </Link>
                <p className="text-xs text-muted">
                  <time dateTime={a.date}>{formatDate(a.date)}</time>
                </p>
              </div>
              <p className="shrink-0 text-sm tabular-nums text-muted">
                {a.counts.length === 0
                  ? "Not counted in a current cycle"
                  : summarise(a.counts)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** "8 points for CPIM, CSCP" when every designation counts the same; otherwise one each. */
function summarise(counts: LatestActivity["counts"]): string {
  const first = counts[0];
  if (first && counts.every((c) => c.points === first.points)) {
    return `${formatPoints(first.points)} ${first.points === 1 ? "point" : "points"} for ${counts.map((c) => c.credentialCode).join(", ")}`;
  }
  return counts.map((c) => `${formatPoints(c.points)} for ${c.credentialCode}`).join(" · ");
}
