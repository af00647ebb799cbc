import { clientIp } from "@/lib/auth/request-ip";
import { unsubscribeWithToken } from "@/lib/reminders/unsubscribe";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

/** A person who opens the List-Unsubscribe URL sees the confirmation page. */
export async function GET(_request: Request, ctx: Ctx): Promise<Response> {
  const { token } = await ctx.params;
  return seeOther(`/unsubscribe/${encodeURIComponent(token)}`);
}

/** A relative Location: right behind any proxy, whatever host the request came to. */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}

/**
 * Unsubscribes: the confirmation page's button, or a mail client's RFC 8058 one-click POST
 * (body "List-Unsubscribe=One-Click"). The signed token is the authorisation; no sign-in.
 */
export async function POST(request: Request, ctx: Ctx): Promise<Response> {
  const { token } = await ctx.params;
  let fromPage = false;
  try {
    fromPage = (await request.formData()).get("from") === "page";
  } catch {
    // one-click clients may send an empty or unusual body; the token is what matters
  }
  const ok = await unsubscribeWithToken(token, clientIp(request.headers));
  if (!ok) return Response.json({ error: { code: "not_found", message: "This unsubscribe link is not valid." } }, { status: 404 });
  if (fromPage) return seeOther(`/unsubscribe/${encodeURIComponent(token)}?done=1`);
  return Response.json({ ok: true, message: "Reminder e-mails are off." });
}
