import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui";
import { formContextOf } from "@/lib/activities/server";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { todayIn } from "@/lib/dates";
import { ActivityForm } from "../activity-form";

export const metadata: Metadata = { title: "Log an activity" };

export default async function NewActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  // The holder's designations from the layout's load (shared per request: no query of its own).
  const { packs, certifications } = formContextOf((await getDashboardData(user.id, user.timezone)).certifications);
  // ?type=book preselects a type (links from the dashboard's plan); an unknown one is ignored.
  const wanted = typeof sp.type === "string" ? sp.type : "";
  const pack = packs.find((p) => p.groups.some((g) => g.types.some((t) => t.id === wanted))) ?? packs[0];
  const typeId = pack?.groups.some((g) => g.types.some((t) => t.id === wanted)) ? wanted : "";
  return (
    <>
      <PageHeader title="Log an activity" description="Record something you did; Recert scores it by your issuer's rules as you type." />
      <ActivityForm
        initial={{ packId: pack?.id ?? "ascm", typeId, startDate: todayIn(user.timezone), excluded: "" }}
        packs={packs}
        certifications={certifications}
      />
    </>
  );
}
