// Gives every console page its Content Security Policy with a nonce of its own (lib/http/csp.ts).
// Next.js reads the nonce from the request's policy header and puts it on the scripts it renders,
// so the page must be rendered per request: every console page is (it reads the session cookie).
// This is no authorization layer: pages and route handlers check the session themselves.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the JSON API (whose bodies the proxy would buffer), not Next.js's own files
      // (/_next/static, /_next/image), not the icon. Those get the policy without a nonce from
      // next.config.ts. A prefetch renders no HTML, so it needs no nonce either.
      source: "/((?!api(?:/|$)|_next/|favicon\\.ico$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
