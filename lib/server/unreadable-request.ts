// Requests that Next.js cannot read and answers with a 500 of its own, refused with 400 problem
// details before they reach it (the custom server asks on every request for the console):
// - a path that is not percent-encoded UTF-8 (/api/apis/%ff, /api/apis/%ED%A0%80): Next.js
//   decodes the dynamic segments while it matches routes, throws a DecodeError and tries to
//   render a /400 page, which an App Router app does not have;
// - a next-router-state-tree header that does not parse: Next.js parses it for every RSC request
//   (prefetches too, which proxy.ts does not see) and throws.
// The header is checked with Next.js's own parser, so that the rule cannot drift from the one
// that would throw; the path with the decoding that its route matcher does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { problem } from "@/lib/api/problem";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/http/csp";

export const ROUTER_STATE_HEADER = "next-router-state-tree";

/** What every console response carries (next.config.ts), which this one bypasses. */
const HEADERS = { "content-security-policy": contentSecurityPolicy(), ...SECURITY_HEADERS };

/** Why Next.js could not read this request, or null when it can. */
export function unreadable(request: Pick<IncomingMessage, "url" | "headers">): string | null {
  const path = (request.url ?? "/").split(/[?#]/, 1)[0];
  try {
    decodeURIComponent(path);
  } catch {
    return "The address is not valid percent-encoded UTF-8.";
  }
  const state = request.headers[ROUTER_STATE_HEADER];
  if (state === undefined) return null;
  try {
    parseAndValidateFlightRouterState(state);
    return null;
  } catch {
    return `The ${ROUTER_STATE_HEADER} header cannot be read.`;
  }
}

/** Answers an unreadable request with 400 problem details and returns true; false for any other. */
export function refuseUnreadable(request: IncomingMessage, response: ServerResponse): boolean {
  const detail = unreadable(request);
  if (detail === null) return false;
  const refusal = problem(400, detail, undefined, HEADERS);
  response.writeHead(refusal.status, Object.fromEntries(refusal.headers));
  void refusal.text().then((body) => response.end(body));
  return true;
}
