import Link from "next/link";
import { Logo } from "@/app/_components/logo";
import { Alert, ButtonLink } from "@/app/_components/ui";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const features = [
  {
    title: "Every activity, scored by ASCM's rules",
    body: "Courses, webinars, conferences, books, teaching, volunteering, exams and membership: each shows its points, the rule behind them and its source, and counts for every designation it applies to.",
  },
  {
    title: "A countdown per designation",
    body: "Points left, days left, the pace you need and the date you will get there, for CPIM, CSCP, CLTD and CTSC, with warnings and reminder e-mails before the due date.",
  },
  {
    title: "Ready for the maintenance application",
    body: "Totals per category exactly as ASCM's form asks for them, as a page, PDF and CSV, and an audit pack with every certificate.",
  },
];

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  // Set by the delete-account action's redirect (the holder is signed out by then); it only says what happened.
  const deleted = !user && (await searchParams).deleted === "1";
  return (
    <div className="min-h-screen bg-white">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <nav aria-label="Account" className="flex shrink-0 items-center gap-2">
          {user ? (
            <ButtonLink href="/dashboard" className="whitespace-nowrap">
              {/* The long label does not fit beside the logo on a 320 px phone. */}
              <span className="sm:hidden">Your dashboard</span>
              <span className="hidden sm:inline">Open your dashboard</span>
            </ButtonLink>
          ) : (
            <>
              <ButtonLink href="/sign-in" kind="ghost" className="whitespace-nowrap">
                Sign in
              </ButtonLink>
              {/* Below 640 px there is no room beside the logo; the hero's first button right below creates an account. */}
              <span className="hidden sm:block">
                <ButtonLink href="/sign-up" className="whitespace-nowrap">
                  Create account
                </ButtonLink>
              </span>
            </>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 pb-16 sm:px-6">
        {deleted ? (
          <div className="mt-2">
            <Alert tone="success">Your account and all its data were deleted.</Alert>
          </div>
        ) : null}
        <section className="py-10 sm:py-16">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">For ASCM-certified professionals</p>
          <h1 className="mt-3 max-w-3xl text-3xl font-bold tracking-tight text-ink sm:text-5xl">
            Keep your CPIM, CSCP, CLTD or CTSC alive, without the spreadsheet.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-muted">
            ASCM asks for 75 professional development points every five years, or your designation is suspended and then
            expires. Recert keeps your records and evidence, counts your points by ASCM&apos;s published rules, and tells you
            how far you are and how long you have.
          </p>
          {/* One column of full-width buttons on a phone, a row from 640 px. */}
          <div className="mt-8 flex flex-col gap-3 sm:flex-row sm:flex-wrap">
            {user ? (
              <ButtonLink href="/dashboard" className="w-full sm:w-auto">
                Open your dashboard
              </ButtonLink>
            ) : (
              <>
                <ButtonLink href="/sign-up" className="w-full sm:w-auto">
                  Start tracking, free
                </ButtonLink>
                <ButtonLink href="/sign-in" kind="secondary" className="w-full sm:w-auto">
                  I already have an account
                </ButtonLink>
              </>
            )}
          </div>
        </section>
        <section aria-labelledby="what" className="grid gap-4 sm:grid-cols-3">
          <h2 id="what" className="sr-only">
            What Recert does
          </h2>
          {features.map((f) => (
            <div key={f.title} className="rounded-lg border border-slate-200 bg-slate-50 p-5">
              <h3 className="font-semibold text-ink">{f.title}</h3>
              <p className="mt-2 text-sm text-muted">{f.body}</p>
            </div>
          ))}
        </section>
        <p className="mt-10 text-sm text-muted">
          Also for PMI PMP and ISC2 CISSP holders. Recert is independent and not affiliated with ASCM, PMI or ISC2; check
          rules against your issuer&apos;s current handbook.{" "}
          <Link href="/sign-up" className="font-semibold text-brand-700 underline">
            Create an account
          </Link>
          .
        </p>
      </main>
    </div>
  );
}
