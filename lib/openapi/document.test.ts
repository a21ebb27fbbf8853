// The OpenAPI document is valid OpenAPI 3.1, describes every route handler under app/api with
// exactly the methods its file exports (so that a new route or method cannot be left out), and its
// examples pass the schemas the handlers validate with.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/document";
import { OPERATIONS } from "@/lib/openapi/operations";

const API_DIR = path.join(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** "GET /api/apis/{id}" for each method each route file under app/api exports. */
function routesOnDisk(): string[] {
  return routeFiles().flatMap((file) => {
    const source = readFileSync(file, "utf8");
    // An export this reading would not see (export { GET }, export * from) must not slip past it.
    if (/^export\s*(\{|\*)/m.test(source)) throw new Error(`${file}: export its handlers as "export const GET = ..."`);
    const route = `/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/")}`;
    const openApiPath = route.replace(/\[(\w+)\]/g, "{$1}");
    const exported = [...source.matchAll(/^export\s+(?:const|(?:async\s+)?function)\s+(\w+)/gm)].map(
      ([, name]) => name,
    );
    return exported.filter((name) => METHODS.includes(name)).map((method) => `${method} ${openApiPath}`);
  });
}

function routesInDocument(document: Pick<OpenApiDocument, "paths">): string[] {
  return Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
  );
}

/** What the drift check reports: routes on disk the document lacks, and routes it has that are not on disk. */
function drift(document: Pick<OpenApiDocument, "paths">) {
  const onDisk = routesOnDisk();
  const described = routesInDocument(document);
  return {
    missing: onDisk.filter((route) => !described.includes(route)).sort(),
    extra: described.filter((route) => !onDisk.includes(route)).sort(),
  };
}

interface OperationView {
  security: unknown;
  requestBody?: { content: object };
  responses: Record<string, { content?: object }>;
}

describe("GET /api/openapi.json", () => {
  const document = buildOpenApiDocument();
  const paths = document.paths as Record<string, Record<string, OperationView>>;

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route handler under app/api with exactly the methods it exports", () => {
    expect(routesOnDisk().length).toBeGreaterThan(35);
    expect(drift(document)).toEqual({ missing: [], extra: [] });
  });

  it("reports a route the document leaves out", () => {
    const { "/api/config/plan": _plan, ...others } = paths;
    const { patch: _patch, ...apiMethods } = paths["/api/apis/{id}"];
    expect(drift({ paths: { ...others, "/api/apis/{id}": apiMethods } }).missing).toEqual([
      "PATCH /api/apis/{id}",
      "POST /api/config/plan",
    ]);
  });

  it("gives each operation a unique operationId", () => {
    const ids = OPERATIONS.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("accepts a session or a bearer token with console:read for reads, plans and previews, console:write for the rest", () => {
    const needs = Object.fromEntries(
      OPERATIONS.filter(({ access }) => access === "read" || access === "write").map(
        ({ method, path: route, access }) => [`${method.toUpperCase()} ${route}`, access],
      ),
    );
    // The POSTs that write nothing, as their handlers declare (`access: "read"`); tests/integration/bearer.test.ts calls every route with a console:read token.
    const readPosts = ["POST /api/config/plan", "POST /api/token-preview"];
    const reads = Object.keys(needs).filter((route) => route.startsWith("GET ") || readPosts.includes(route));
    expect(Object.keys(needs).filter((route) => needs[route] === "read")).toEqual(reads);
    expect(document.components.securitySchemes.session).toMatchObject({ in: "cookie", name: "scope_console_session" });
    expect(paths["/api/config/plan"].post.security).toEqual([{ session: [] }, { bearer: ["console:read"] }]);
    expect(paths["/api/apis"].post.security).toEqual([{ session: [] }, { bearer: ["console:write"] }]);
    // Open without a session: signing in, signing out, and this document.
    expect(paths["/api/session"].post.security).toEqual([]);
    expect(paths["/api/openapi.json"].get.security).toEqual([]);
  });

  it("has examples for creating an API, a scope, a client and for a configuration plan", () => {
    for (const operationId of ["createApi", "createScope", "createClient", "planConfig"]) {
      const operation = OPERATIONS.find((candidate) => candidate.operationId === operationId);
      expect(Object.keys(operation?.body?.examples ?? {}), operationId).not.toEqual([]);
      expect(Object.keys(operation?.response.examples ?? {}), operationId).not.toEqual([]);
    }
  });

  it.each(OPERATIONS.filter((operation) => operation.body?.examples || operation.response.examples))(
    "the examples of $operationId pass the schemas the handler validates with and answers",
    ({ body, response }) => {
      const value = (example: unknown) => (typeof example === "string" ? parse(example) : example);
      for (const example of Object.values(body?.examples ?? {})) body?.component.schema.parse(value(example.value));
      for (const example of Object.values(response.examples ?? {})) {
        // An answer is the schema's output; an input schema (the configuration document) parses it as sent.
        response.component?.schema.parse(value(example.value));
      }
    },
  );

  it("writes each schema as valid JSON Schema 2020-12, which the examples pass as zod does", () => {
    // The OpenAPI schema checks Schema Objects only loosely: ajv checks them against the 2020-12 meta-schema.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const root = "https://scope-console.invalid/openapi.json";
    ajv.addSchema({ $id: root, components: document.components });
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
    const value = (example: unknown) => (typeof example === "string" ? parse(example) : example);
    for (const { operationId, body, response } of OPERATIONS) {
      const examples = [
        ...Object.values(body?.examples ?? {}).map((example) => [body?.component.name, example] as const),
        ...Object.values(response.examples ?? {}).map((example) => [response.component?.name, example] as const),
      ];
      for (const [name, example] of examples) {
        const validate = ajv.getSchema(`${root}#/components/schemas/${name}`);
        expect(
          validate?.(value(example.value)),
          `${operationId} ${example.summary}: ${ajv.errorsText(validate?.errors)}`,
        ).toBe(true);
      }
    }
  });

  it("describes the problem details the server sends, with the field errors", () => {
    const problem = document.components.schemas.Problem as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(problem.properties)).toEqual(["type", "title", "status", "detail", "errors"]);
    expect(problem.required).toEqual(["type", "title", "status", "detail"]);
    expect(paths["/api/apis"].post.responses).toMatchObject({
      400: { $ref: "#/components/responses/BadRequest" },
      409: { content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
    });
  });

  it("takes and answers the configuration as YAML or JSON", () => {
    expect(Object.keys(paths["/api/config/plan"].post.requestBody?.content ?? {})).toEqual([
      "application/yaml",
      "application/json",
    ]);
    expect(Object.keys(paths["/api/config"].get.responses[200].content ?? {})).toEqual([
      "application/yaml",
      "application/json",
    ]);
  });
});
