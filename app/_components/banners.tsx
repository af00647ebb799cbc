import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { type BannerTone, visibleBanners } from "@/lib/dashboard/banners";
import { getDashboardData } from "@/lib/dashboard/load";
import { dismissBannerAction } from "./banner-actions";
import { cx } from "./ui";

const TONES: Record<BannerTone, string> = {
  error: "border-red-300 bg-red-50 text-red-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
};

/** Warnings on every signed-in page: due soon and short, behind pace, suspended, expired, ready to submit. */
export async function Banners() {
  const user = await getCurrentUser();
  if (!user) return null;
  const { reports, dismissed } = await getDashboardData(user.id, user.timezone);
  const banners = visibleBanners(reports, dismissed);
  if (banners.length === 0) return null;
  return (
    <section aria-label="Warnings" className="mb-6 space-y-3">
      {banners.map((b) => (
        <div key={b.key} className={cx("flex flex-col gap-3 rounded-md border px-4 py-3 sm:flex-row sm:items-start", TONES[b.tone])} data-banner={b.kind}>
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-semibold">{b.title}</p>
            <p className="mt-0.5">{b.message}</p>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <Link href={b.action.href} className="rounded px-2 py-1.5 text-sm font-semibold underline underline-offset-2">
              {b.action.label}
            </Link>
            <form action={dismissBannerAction}>
              <input type="hidden" name="key" value={b.key} />
              <button
                type="submit"
                className="rounded-md border border-current/30 px-3 py-1.5 text-sm font-medium hover:bg-white/60"
                aria-label={`Dismiss: ${b.title}`}
              >
                Dismiss
              </button>
            </form>
          </div>
        </div>
      ))}
    </section>
  );
}
