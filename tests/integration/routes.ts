// Every console route handler on disk, found by walking app/: tests that must cover them all
// (authorization, fuzzing) pick up a new handler without being told.
import { readdirSync } from "node:fs";
import path from "node:path";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const APP_DIR = path.join(import.meta.dirname, "../../app");

// biome-ignore lint/suspicious/noExplicitAny: each route declares its own params
export type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export interface FoundHandler {
  /** "PATCH /api/apis/[id]" */
  name: string;
  method: (typeof METHODS)[number];
  /** "/api/apis/[id]" */
  route: string;
  handler: Handler;
}

function routeFiles(dir = APP_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export async function allHandlers(): Promise<FoundHandler[]> {
  const found: FoundHandler[] = [];
  for (const file of routeFiles()) {
    const module = (await import(file)) as Partial<Record<string, Handler>>;
    const route = `/${path.relative(APP_DIR, path.dirname(file))}`;
    for (const method of METHODS) {
      const handler = module[method];
      if (handler) found.push({ name: `${method} ${route}`, method, route, handler });
    }
  }
  return found;
}
