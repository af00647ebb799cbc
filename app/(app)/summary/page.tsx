import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Summary" };

export default async function SummaryPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Submission summary" description="What ASCM's maintenance application asks for, ready to type." />
      <EmptyState title="Your submission summary is coming here">
        For each designation and cycle you will get the point totals per category as ASCM&apos;s form asks for them, as a
        page, a PDF and a CSV, and an audit pack with your evidence.
      </EmptyState>
    </>
  );
}
