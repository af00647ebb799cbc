/**
 * Next 16 proxy (formerly middleware): sets a fresh CSP nonce on every page request. It never
 * authorises anything: pages, actions and routes check the session themselves (lib/auth/session.ts).
 * API routes are not matched, so upload bodies are never buffered here.
 *
 * It also refuses a POST to a page (a server action) that does not come from this site. Next
 * itself aborts an action whose Origin names another host, but lets one WITHOUT an Origin header
 * through with a warning; a POST must now carry this site's Origin, or, without one,
 * Sec-Fetch-Site: same-origin (ASVS 3.5.1; tests/e2e/security/csrf.e2e.ts).
 *
 * And it answers a path with a broken percent-encoding ("/activities/%ff") with a 400: Next 16.4
 * fails to decode such a dynamic segment inside the route and answers a bare 500. API paths come
 * here only when they contain a "%" (second matcher), so upload bodies are still never buffered.
 */
import { type NextRequest, NextResponse } from "next/server";
import { isSameOrigin } from "@/lib/api/core";
import { API_CSP, pageCsp } from "@/lib/security/headers";

function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  const api = request.nextUrl.pathname.startsWith("/api/");
  if (malformedPath(request.nextUrl.pathname)) {
    const message = "This address is not valid: it has a broken %-encoding.";
    return api
      ? Response.json({ error: { code: "invalid_path", message, fields: {} } }, { status: 400, headers: { "Content-Security-Policy": API_CSP, "cache-control": "no-store" } })
      : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "Content-Security-Policy": API_CSP } });
  }
  if (api) return NextResponse.next();
  if (request.method === "POST" && !isSameOrigin(request)) {
    return new NextResponse("This form was not sent from Recert's own pages, so it was refused.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8", "Content-Security-Policy": API_CSP, "cache-control": "no-store" },
    });
  }
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const nonce = btoa(String.fromCharCode(...bytes));
  const csp = pageCsp(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)",
    },
    // API paths with a percent sign, only to refuse broken encodings (see above).
    { source: "/api/:path(.*%.*)" },
  ],
};
