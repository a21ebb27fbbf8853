// Calls the console's route handlers in-process, exactly as Next.js does, against the test database.
import { type TestUser, testAdmin } from "./sessions";

// biome-ignore lint/suspicious/noExplicitAny: each route declares its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export interface CallOptions {
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  raw?: string;
  contentType?: string;
  params?: Record<string, string>;
  /** Request headers; by default a change carries the console's own Origin, as the browser sends it. */
  headers?: Record<string, string>;
  /** Whose session goes with the request: the test admin's by default, nobody's with null. */
  as?: TestUser | null;
}

export const CONSOLE_ORIGIN = "http://localhost";

export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  const user = options.as === undefined ? await testAdmin() : options.as;
  const request = new Request(`${CONSOLE_ORIGIN}${path}`, {
    method,
    headers: {
      ...(hasBody ? { "content-type": options.contentType ?? "application/json" } : {}),
      ...(method === "GET" ? {} : { origin: CONSOLE_ORIGIN }),
      ...(user ? { cookie: user.cookie } : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  // As Next.js does: a route without dynamic segments gets no params.
  const response = await handler(request, { params: Promise.resolve(options.params) });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, contentType: response.headers.get("content-type"), json };
}

export const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
