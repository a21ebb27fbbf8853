// Helpers that keep route handlers thin: read and validate input, map errors to problems.
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { problemFromError } from "@/lib/http/problem";
import { isSameOrigin, SAFE_METHODS } from "@/lib/http/same-origin";

/** Larger bodies are refused before parsing; no console form comes near it. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export interface RouteContext<P extends Record<string, string> = Record<string, string>> {
  params: Promise<P>;
}

/**
 * Wraps a handler that needs no session (signing in): a change must come from the console's own
 * pages (CSRF), and every thrown error becomes problem details (never an HTML 500).
 */
export function publicHandler<P extends Record<string, string>>(
  fn: (request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
        throw new AppError("FORBIDDEN", "Changes are accepted only from the console's own pages.");
      }
      return await fn(request, await context.params);
    } catch (error) {
      return problemFromError(error);
    }
  };
}

/**
 * Wraps a console handler: as publicHandler, and only for a signed-in console user (401 without a
 * session, 403 for an account that may not use the console). What the actor may do with the
 * resource is checked by the service it calls (lib/auth/permissions.ts).
 */
export function handler<P extends Record<string, string>>(
  fn: (request: Request, params: P, actor: Actor) => Promise<Response>,
) {
  return publicHandler<P>(async (request, params) => fn(request, params, await requireActor(request)));
}

/** Reads a JSON body and validates it with the operation's schema. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("BAD_REQUEST", "Send the body as application/json.");
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_JSON_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The body is too large.");
  const text = await request.text();
  if (text.length > MAX_JSON_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The body is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  return schema.parse(body);
}

/** Validates the query string with the operation's schema. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

export const json = (data: unknown, status = 200) =>
  Response.json(data, { status, headers: { "cache-control": "no-store" } });

/** 204: done, nothing to say (a delete). */
export const noContent = () => new Response(null, { status: 204 });
