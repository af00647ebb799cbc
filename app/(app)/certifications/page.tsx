import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Certifications" };

export default async function CertificationsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Certifications" description="The designations you hold and their maintenance cycles." />
      <EmptyState title="Your designations are coming here">
        You will add CPIM, CSCP, CLTD or CTSC with the date you earned them, record renewals, and see each cycle&apos;s
        start, due date and end of suspension.
      </EmptyState>
    </>
  );
}
