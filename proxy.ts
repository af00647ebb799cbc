/**
 * Next 16 proxy (formerly middleware): sets a fresh CSP nonce on every page request. It never
 * authorises anything: pages, actions and routes check the session themselves (lib/auth/session.ts).
 * API routes are not matched, so upload bodies are never buffered here.
 */
import { type NextRequest, NextResponse } from "next/server";
import { pageCsp } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
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
  ],
};
