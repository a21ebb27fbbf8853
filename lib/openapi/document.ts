// The OpenAPI 3.1 document of the console's JSON API (GET /api/openapi.json), generated from the
// zod schemas the route handlers validate with and answer (lib/openapi/operations.ts) by zod's own
// z.toJSONSchema: requests as their input (what may be sent: "1 h" before it becomes 3600),
// answers as their output. Why: docs/decisions/011-openapi-from-zod.md.
import { z } from "zod";
import { SESSION_COOKIE } from "@/lib/accounts/cookies";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import { type Access, type Component, OPERATIONS, type Operation, SHARED_COMPONENTS } from "@/lib/openapi/operations";
import { DURATION_EXAMPLES, DURATION_INPUT } from "@/lib/validation";
import packageJson from "@/package.json";

type JsonSchema = Record<string, unknown>;

export const OPENAPI_PATH = "/api/openapi.json";

/** zod bounds every integer to the safe range: no rule of ours, and only noise in the document. */
const tidy = ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
};

/**
 * A lifetime field (marked DURATION_INPUT) takes its seconds or a duration in words ("1 h"): the
 * converter sees only the number the words become, so a request's schema gets the words added.
 */
function withDurations(node: unknown, io: Component["io"]): unknown {
  if (Array.isArray(node)) return node.map((item) => withDurations(item, io));
  if (typeof node !== "object" || node === null) return node;
  const { [DURATION_INPUT]: duration, ...rest } = node as JsonSchema;
  const schema = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withDurations(value, io)]));
  if (!duration || io === "output") return schema;
  const { description, ...seconds } = schema;
  return { description, anyOf: [seconds, { type: "string", description: `In words: ${DURATION_EXAMPLES}.` }] };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The named schemas of one side (requests' input or answers' output), their references to each other as $ref. */
function schemasOf(components: Component[], io: Component["io"]): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const { name, schema } of components) {
    const named = registry.get(schema)?.id;
    if (named && named !== name) throw new Error(`One schema, two names: ${named} and ${name}.`);
    if (!named) registry.add(schema, { id: name });
  }
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, override: tidy });
  // Each schema's $id and $schema are the components' business: OpenAPI 3.1's dialect is 2020-12.
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $id: _id, $schema: _schema, ...schema }]) => [
      name,
      withDurations(schema, io) as JsonSchema,
    ]),
  );
}

/** The query parameters of a query schema: each property one parameter, as the handler reads it. */
function queryParameters(query: z.ZodObject) {
  const { properties = {}, required = [] } = z.toJSONSchema(query, { io: "input", override: tidy }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...schema }]) => ({
    name,
    in: "query",
    required: required.includes(name),
    ...(description ? { description } : {}),
    schema,
  }));
}

/** What `{id}` names under each resource's path, and `{scopeId}`. */
function pathParameterDescription(path: string, name: string): string {
  if (name === "scopeId") return "The scope's id.";
  if (path.startsWith("/api/clients/")) return "The client's id (its row id, not its OAuth client_id).";
  if (path.startsWith("/api/users/")) return "The user's id.";
  if (path.startsWith("/api/sessions/")) return "The session's public id (the `sid` of its ID tokens).";
  return "The API's id.";
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: pathParameterDescription(path, name),
    schema: { type: "string" },
  }));
}

/** Who may call an operation, as OpenAPI security requirements (any one of them suffices). */
function securityOf(access: Access) {
  switch (access) {
    case "public":
      return [];
    case "session":
      return [{ session: [] }];
    case "read":
      return [{ session: [] }, { bearer: ["console:read"] }];
    case "write":
      return [{ session: [] }, { bearer: ["console:write"] }];
  }
}

const JSON_TYPE = "application/json";
const YAML_TYPE = "application/yaml";

function content(name: string | undefined, yaml: boolean | undefined, examples: Operation["response"]["examples"]) {
  const schema = name ? ref(name) : undefined;
  // A YAML example is text; the JSON media type shows it only when it is a value.
  const types = yaml ? [YAML_TYPE, JSON_TYPE] : [JSON_TYPE];
  return Object.fromEntries(
    types.map((type) => {
      const fitting = Object.fromEntries(
        Object.entries(examples ?? {}).filter(([, { value }]) => (type === YAML_TYPE) === (typeof value === "string")),
      );
      return [type, { schema, ...(Object.keys(fitting).length > 0 ? { examples: fitting } : {}) }];
    }),
  );
}

/** The refusals an operation can answer, from what it takes: each a problem-details response. */
function refusals(operation: Operation) {
  const responses: Record<string, object> = {};
  const use = (status: number, name: string, description?: string) => {
    responses[status] = description
      ? { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem") } } }
      : { $ref: `#/components/responses/${name}` };
  };
  if (operation.body || operation.query) use(400, "BadRequest");
  // Signing in refuses a wrong password, signing out a request without a session.
  if (operation.access !== "public" || operation.path === "/api/session") use(401, "Unauthorized");
  if (operation.access !== "public" || operation.method !== "get") use(403, "Forbidden");
  if (operation.path.includes("{")) use(404, "NotFound");
  if (operation.conflict) use(409, "Conflict", operation.conflict);
  if (operation.body) use(413, "ContentTooLarge");
  if (operation.tooManyRequests) use(429, "TooManyRequests");
  return responses;
}

function operationObject(operation: Operation) {
  const { body, response } = operation;
  const parameters = [...pathParameters(operation.path), ...(operation.query ? queryParameters(operation.query) : [])];
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: securityOf(operation.access),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? { requestBody: { required: true, content: content(body.component.name, body.yaml, body.examples) } }
      : {}),
    responses: {
      [response.status]: {
        description: response.description,
        ...(response.headers ? { headers: response.headers } : {}),
        ...(response.component ? { content: content(response.component.name, response.yaml, response.examples) } : {}),
      },
      ...refusals(operation),
    },
  };
}

const problemResponse = (description: string, example: object, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem"), example } },
});

const problemExample = (status: number, title: string, detail: string, extra: object = {}) => ({
  type: "about:blank",
  title,
  status,
  detail,
  ...extra,
});

const RESPONSES = {
  BadRequest: problemResponse(
    "The input did not validate: `errors` names each field (a body that is not JSON, or not YAML where YAML is taken, too).",
    problemExample(400, "Bad Request", "The request is invalid; see the field errors.", {
      errors: { name: ["Name is required."] },
    }),
  ),
  Unauthorized: problemResponse(
    "No session or bearer token, or one that expired.",
    problemExample(401, "Unauthorized", "You are not signed in."),
  ),
  Forbidden: problemResponse(
    "What the caller's role (or token's scope) may not do; or, with the session cookie, a change from another site.",
    problemExample(403, "Forbidden", "Only an admin may export the configuration."),
  ),
  NotFound: problemResponse("No such resource.", problemExample(404, "Not Found", "The API was not found.")),
  ContentTooLarge: problemResponse(
    "The body is larger than the operation takes (64 KiB; a configuration document 8 MiB).",
    problemExample(413, "Content Too Large", "The body is too large."),
  ),
  TooManyRequests: problemResponse(
    "Too many failed sign-ins: try again after Retry-After seconds.",
    problemExample(429, "Too Many Requests", "Too many failed sign-ins. Try again in 60 seconds."),
    { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  ),
};

const TAGS = [
  { name: "APIs", description: "The APIs whose scopes the console manages." },
  { name: "Scopes", description: "Each API's scopes, their flags, lifetimes and lifecycle." },
  { name: "Clients", description: "The OAuth clients the authorization server issues tokens to." },
  { name: "Usage", description: "Who uses each scope: usage, access reviews, deprecations." },
  { name: "Configuration", description: "The whole configuration as one document: export, plan, apply." },
  { name: "Settings", description: "The service-wide token lifetimes." },
  { name: "Token preview", description: "What a token request would get, explained." },
  { name: "Users", description: "Console users, their roles and APIs." },
  { name: "Audit", description: "Every change, who made it, before and after." },
  { name: "Session", description: "Signing in and out of the console." },
  { name: "Reference", description: "This description of the API." },
];

const DESCRIPTION = `The JSON API the console's own pages use, for scripts and machines too.

Errors are RFC 9457 problem details (\`application/problem+json\`), with \`errors\` (field -> messages) when the input did not validate. Lists take \`page\`, \`pageSize\` (at most 100), \`q\` and \`sort\` (\`name\`, \`-name\` for descending). Edits send the \`version\` they were made from (409 when it is stale).

Two ways in: the console's session cookie (\`${SESSION_COOKIE}\`, from POST /api/session; a change made with it must come from the console's pages: an \`Origin\` of this host), or a bearer access token of this server's /oauth/token, issued by \`client_credentials\` to a client allowed \`console:read\` (GET requests and POST /api/config/plan) or \`console:write\` (everything else).`;

/** The whole document, the same for every request. */
export function buildOpenApiDocument() {
  const used = [...SHARED_COMPONENTS, ...OPERATIONS.flatMap((op) => [op.body?.component, op.response.component])]
    .filter((component): component is Component => component !== undefined)
    .filter((component, index, all) => all.findIndex((other) => other.name === component.name) === index);
  const inputs = schemasOf(
    used.filter((component) => component.io === "input"),
    "input",
  );
  const outputs = schemasOf(
    used.filter((component) => component.io === "output"),
    "output",
  );
  const clash = Object.keys(inputs).find((name) => name in outputs);
  if (clash) throw new Error(`Two components named ${clash}.`);

  const paths: Record<string, Record<string, object>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    if (paths[operation.path][operation.method]) throw new Error(`${operation.method} ${operation.path} twice.`);
    paths[operation.path][operation.method] = operationObject(operation);
  }

  return {
    openapi: "3.1.1",
    info: { title: "Scope Console API", version: packageJson.version, description: DESCRIPTION },
    tags: TAGS,
    paths,
    components: {
      schemas: { ...inputs, ...outputs },
      responses: RESPONSES,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description: "The console's session, set by POST /api/session (HttpOnly, SameSite=Lax).",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "An access token from this server's /oauth/token (grant_type=client_credentials) for a client allowed the scope console:read (reads, and POST /api/config/plan) or console:write (every change).",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let built: OpenApiDocument | undefined;
/** Built on the first request: it cannot change while the process runs. */
export const openApiDocument = () => {
  built ??= buildOpenApiDocument();
  return built;
};
