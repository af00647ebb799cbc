import { getDb } from "@/db/client";
import { getUserByCalendarToken } from "@/db/queries/calendar";
import { holderCalendar } from "@/lib/calendar/events";
import { tokenFromFeedName } from "@/lib/calendar/token";
import { appUrlFromHeaders } from "@/lib/mail/app-url";
import { loadHolderProgress } from "@/lib/progress/load";

export const dynamic = "force-dynamic";

/** The holder's calendar feed at /api/calendar/<secret>.ics. A wrong or revoked secret is a 404. */
export async function GET(request: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const token = tokenFromFeedName((await ctx.params).token);
  const db = await getDb();
  const owner = token ? await getUserByCalendarToken(db, token) : null;
  if (!owner) return Response.json({ error: { code: "not_found", message: "No calendar here." } }, { status: 404 });
  const { reports } = await loadHolderProgress(db, owner);
  const body = holderCalendar(reports, { holderName: owner.name, appUrl: appUrlFromHeaders(request.headers), now: new Date() });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="recert.ics"',
      // The URL is a secret: keep it out of shared caches.
      "Cache-Control": "private, max-age=900",
    },
  });
}
