import type { Metadata } from "next";
import { ButtonLink, EmptyState, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Your designations, points and due dates at a glance." />
      <EmptyState
        title="Your countdown will appear here"
        action={<ButtonLink href="/certifications">Go to certifications</ButtonLink>}
      >
        Once you add the designations you hold and log activities, this page shows one card per designation: days left to
        the due date, points counted of those required, the pace you need and when you will get there.
      </EmptyState>
    </>
  );
}
