import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Activities" };

export default async function ActivitiesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Activities" description="Everything you have done that earns professional development points." />
      <EmptyState title="The activity log is coming here">
        You will log courses, webinars, conferences, books, articles, teaching, volunteering, exams and membership here,
        attach certificates, and see the points each earns under ASCM&apos;s rules.
      </EmptyState>
    </>
  );
}
