import { ButtonLink, cx } from "@/app/_components/ui";

type Step = { title: string; body: string; href: string; action: string; done: boolean };

/** A new holder's first visit: add a designation, log a first activity, then the countdown. */
export function FirstRun({ hasCertification, hasActivity }: { hasCertification: boolean; hasActivity: boolean }) {
  const steps: Step[] = [
    {
      title: "Add a designation you hold",
      body: "CPIM, CSCP, CLTD or CTSC and the month you earned it. Recert works out your due date from ASCM's rules.",
      href: "/certifications",
      action: "Add a designation",
      done: hasCertification,
    },
    {
      title: "Log your first activity",
      body: "A webinar, a course, a book, your ASCM membership… Each one is scored by ASCM's rules, with the reason shown.",
      href: "/activities/new",
      action: "Log an activity",
      done: hasActivity,
    },
  ];
  const current = steps.findIndex((s) => !s.done);
  return (
    <section aria-labelledby="first-run-h" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
      <h2 id="first-run-h" className="text-lg font-semibold text-ink">
        Get started in two steps
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-muted">
        Then this page counts down to each due date: days left, points counted of those required, whether you are on pace, and what
        would close the gap.
      </p>
      <ol className="mt-6 grid gap-4 md:grid-cols-3">
        {steps.map((s, i) => (
          <li
            key={s.title}
            className={cx("flex flex-col rounded-md border p-4", i === current ? "border-brand-500 bg-brand-50" : "border-slate-200")}
            aria-current={i === current ? "step" : undefined}
          >
            <span
              className={cx(
                "flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold",
                s.done ? "bg-brand-600 text-white" : i === current ? "bg-white text-brand-800 ring-2 ring-brand-600" : "bg-slate-100 text-slate-700",
              )}
              aria-hidden="true"
            >
              {s.done ? "✓" : i + 1}
            </span>
            <h3 className="mt-3 font-semibold text-ink">
              {s.title}
              {s.done ? <span className="sr-only"> (done)</span> : null}
            </h3>
            <p className="mt-1 flex-1 text-sm text-muted">{s.body}</p>
            {!s.done ? (
              <ButtonLink href={s.href} kind={i === current ? "primary" : "secondary"} className="mt-4 self-start">
                {s.action}
              </ButtonLink>
            ) : null}
          </li>
        ))}
        <li className="flex flex-col rounded-md border border-slate-200 p-4">
          <span className="flex h-7 w-7 items-center justify-center rounded-full bg-slate-100 text-sm font-bold text-slate-700" aria-hidden="true">
            3
          </span>
          <h3 className="mt-3 font-semibold text-ink">Watch the countdown</h3>
          <p className="mt-1 flex-1 text-sm text-muted">
            Banners here and reminder e-mails warn you 365, 180, 90, 30 and 7 days before each due date.
          </p>
          <ButtonLink href="/settings#reminders" kind="ghost" className="mt-4 self-start">
            Reminder settings
          </ButtonLink>
        </li>
      </ol>
    </section>
  );
}
