// Helpers that keep route handlers thin: read and validate input, map errors to problems.

import type { z } from "zod";
import type { ConsoleAccess } from "@/lib/accounts/console-api";
import type { Actor } from "@/lib/accounts/roles";
import { problemFromError } from "@/lib/api/problem";
import { bearerTokenOf, requireActor, requireBearerActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { isSameOrigin, SAFE_METHODS } from "@/lib/http/same-origin";
import { isStorableText } from "@/lib/validation";

/** Larger bodies are refused before parsing; no console form comes near it. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export interface RouteContext<P extends Record<string, string> = Record<string, string>> {
  params: Promise<P>;
}

// Text PostgreSQL cannot hold (isStorableText) is refused at the door (400), wherever it comes in.
const UNSTORABLE_TEXT = "Text may not contain NUL characters or unpaired surrogates.";

/** The field paths (as in problem details) of the text in a parsed body that cannot be stored. */
export function unstorableFields(value: unknown): string[] {
  const found: string[] = [];
  // A loop, not recursion: a body may nest thousands of levels deep.
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === "string" && !isStorableText(item)) found.push(path || "_");
    if (typeof item !== "object" || item === null) continue;
    for (const [key, child] of Object.entries(item)) {
      if (!isStorableText(key)) found.push(path || "_");
      else pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return found;
}

export function refuseUnstorable(fields: string[]): void {
  if (fields.length === 0) return;
  throw new AppError("BAD_REQUEST", UNSTORABLE_TEXT, Object.fromEntries(fields.map((f) => [f, [UNSTORABLE_TEXT]])));
}

/** Path parameters, as Next.js gives them: text that can be stored, or a 400. */
async function paramsOf<P extends Record<string, string>>(context: RouteContext<P>): Promise<P> {
  // Next.js gives a route without dynamic segments no params at all.
  const params = await context.params;
  refuseUnstorable(Object.entries(params ?? {}).flatMap(([name, value]) => (isStorableText(value) ? [] : [name])));
  return params;
}

/** A change from a browser must come from the console's own pages (CSRF). */
function requireSameOriginChange(request: Request): void {
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    throw new AppError("FORBIDDEN", "Changes are accepted only from the console's own pages.");
  }
}

/**
 * Wraps a handler that needs no session (signing in): a change must come from the console's own
 * pages (CSRF), path parameters must be text that can be stored, and every thrown error becomes
 * problem details (never an HTML 500).
 */
export function publicHandler<P extends Record<string, string>>(
  fn: (request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      requireSameOriginChange(request);
      return await fn(request, await paramsOf(context));
    } catch (error) {
      return problemFromError(error);
    }
  };
}

export interface HandlerOptions {
  /**
   * What a bearer token must allow (lib/accounts/console-api.ts): by default `read` for GET and
   * HEAD, `write` for the rest; `read` for a POST that writes nothing (a plan).
   */
  access?: ConsoleAccess;
}

/**
 * Wraps a console handler: as publicHandler, and only for a console user (401 without a session,
 * 403 for an account that may not use the console) or a machine whose bearer token allows the
 * request (401 / 403 with a Bearer challenge). The same-origin rule is for browsers: a bearer
 * token is never sent by a browser on its own, so it cannot be forged across sites. What the
 * actor may do with the resource is checked by the service it calls (lib/auth/permissions.ts).
 */
export function handler<P extends Record<string, string>>(
  fn: (request: Request, params: P, actor: Actor) => Promise<Response>,
  options: HandlerOptions = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const token = bearerTokenOf(request);
      if (token === null) requireSameOriginChange(request);
      const params = await paramsOf(context);
      const access = options.access ?? (SAFE_METHODS.has(request.method) ? "read" : "write");
      const actor = token === null ? await requireActor(request) : await requireBearerActor(token, access);
      return await fn(request, params, actor);
    } catch (error) {
      return problemFromError(error);
    }
  };
}

/** Reads a JSON body and validates it with the operation's schema. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("BAD_REQUEST", "Send the body as application/json.");
  }
  const text = await readBodyText(
    request,
    MAX_JSON_BODY_BYTES,
    () => new AppError("PAYLOAD_TOO_LARGE", "The body is too large."),
  );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  refuseUnstorable(unstorableFields(body));
  return schema.parse(body);
}

/** Validates the query string with the operation's schema. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  refuseUnstorable(unstorableFields(query));
  return schema.parse(query);
}

export const json = (data: unknown, status = 200) =>
  Response.json(data, { status, headers: { "cache-control": "no-store" } });

/** 204: done, nothing to say (a delete). */
export const noContent = () => new Response(null, { status: 204 });
