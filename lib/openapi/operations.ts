// Every operation of the console's JSON API, as the OpenAPI document (lib/openapi/document.ts)
// describes it: the route, who may call it, and the zod schemas its handler validates with and
// answers. The schemas are the handlers' own, imported from beside each service; nothing here
// repeats a field. lib/openapi/document.test.ts fails when a route handler under app/api is missing
// here, or a method is.
import { z } from "zod";
import { ZViewer } from "@/lib/accounts/roles";
import { ZProblem } from "@/lib/api/problem";
import { ZApiDto, ZCreateApiRequest, ZListApisQuery, ZUpdateApiRequest } from "@/lib/apis/schemas";
import { ZAuditEventDto, ZListAuditQuery } from "@/lib/audit/schemas";
import { ZSignInRequest } from "@/lib/auth/schemas";
import {
  ZClientDto,
  ZClientWithSecret,
  ZCreateClientRequest,
  ZListClientsQuery,
  ZUpdateClientRequest,
} from "@/lib/clients/schemas";
import { ZAppliedConfig, ZApplyQuery, ZConfigDocument, ZConfigPlan } from "@/lib/config-file/schema";
import {
  ZBulkScopesRequest,
  ZBulkScopesResult,
  ZCreateScopeRequest,
  ZDeleteQuery,
  ZListScopesQuery,
  ZScopeDirectoryEntry,
  ZScopeDirectoryQuery,
  ZScopeDto,
  ZScopeImpact,
  ZUpdateScopeRequest,
} from "@/lib/scopes/schemas";
import { ZSessionList } from "@/lib/sessions/schemas";
import { ZSettingsDto, ZUpdateSettingsRequest } from "@/lib/settings/schemas";
import { ZTokenPreview, ZTokenPreviewRequest } from "@/lib/token-preview/schemas";
import {
  ZClientReviewDto,
  ZClientReviewQuery,
  ZClientReviewsDto,
  ZClientReviewsQuery,
  ZDeprecationsDto,
  ZScopeUsageDto,
  ZScopeUsageQuery,
} from "@/lib/usage/schemas";
import {
  ZCreateUserRequest,
  ZListUsersQuery,
  ZResetPasswordRequest,
  ZUpdateUserRequest,
  ZUserDto,
} from "@/lib/users/schemas";
import { ZPage } from "@/lib/validation";

/** A schema under its name in the document's components: a request's (its input) or an answer's (its output). */
export interface Component {
  name: string;
  schema: z.ZodType;
  io: "input" | "output";
}
const input = (name: string, schema: z.ZodType): Component => ({ name, schema, io: "input" });
const output = (name: string, schema: z.ZodType): Component => ({ name, schema, io: "output" });

export interface Example {
  summary: string;
  /** For a YAML body: the document as text. */
  value: unknown;
}

/**
 * Who may call it: `public` anyone; `session` only the session cookie; `read` and `write` the
 * session cookie, or a bearer access token with the scope console:read or console:write.
 */
export type Access = "public" | "session" | "read" | "write";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface Operation {
  method: HttpMethod;
  /** OpenAPI's form: `/api/apis/{id}`, for app/api/apis/[id]/route.ts. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodObject;
  body?: {
    component: Component;
    /** The configuration document: YAML or JSON. Otherwise JSON only. */
    yaml?: boolean;
    examples?: Record<string, Example>;
  };
  response: {
    status: number;
    description: string;
    component?: Component;
    /** The configuration's export: YAML unless JSON is asked for. */
    yaml?: boolean;
    headers?: Record<string, { description: string; schema: object }>;
    examples?: Record<string, Example>;
  };
  /** When it answers 409, and why. */
  conflict?: string;
  /** More refusals than the ones every operation of its kind has (lib/openapi/document.ts). */
  tooManyRequests?: boolean;
}

const Problem = output("Problem", ZProblem);
const Api = output("Api", ZApiDto);
const Scope = output("Scope", ZScopeDto);
const ScopeImpact = output("ScopeImpact", ZScopeImpact);
const Client = output("Client", ZClientDto);
const ClientWithSecret = output("ClientWithSecret", ZClientWithSecret);
const User = output("User", ZUserDto);
const Settings = output("Settings", ZSettingsDto);
const ConfigDocument = input("ConfigDocument", ZConfigDocument);
const ConfigPlan = output("ConfigPlan", ZConfigPlan);

/** Components every document has, whether an operation names them or not. */
export const SHARED_COMPONENTS = [Problem, ScopeImpact];

const STALE_VERSION =
  'The `version` sent is not the current one: someone saved a newer change (`"conflict": "stale-version"`).';
const IN_USE =
  "It is in use (clients allowed it, consents or live grants hold it) and `confirm` does not name it: the problem details carry its `impact`.";

const EXAMPLE_TIME = "2026-12-04T09:30:00.000Z";

const api = {
  id: "cm4api0000000000000000001",
  name: "billing",
  displayName: "Billing",
  description: "Invoices and payments.",
  resourceUri: "urn:scope-console:api:billing",
  accessTokenLifetime: null,
  refreshTokenLifetime: null,
  builtIn: false,
  scopeCount: 0,
  version: 1,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};

const scope = {
  id: "cm4scope00000000000000001",
  apiId: api.id,
  name: "invoices:read",
  displayName: "Read invoices",
  description: "See your invoices and their payments.",
  required: false,
  emphasize: false,
  showInDiscoveryDocument: true,
  accessTokenLifetime: 3600,
  refreshTokenLifetime: null,
  documentationUrl: null,
  lifecycle: "active",
  deprecatedAt: null,
  sunsetAt: null,
  replacedBy: null,
  deprecationNote: "",
  version: 1,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};

const client = {
  id: "cm4client0000000000000001",
  clientId: "c_8Jx2mQ4rT6vW9yZ1",
  name: "Invoice exporter",
  type: "confidential",
  hasSecret: true,
  redirectUris: [],
  postLogoutRedirectUris: [],
  allowedScopes: ["invoices:read"],
  allowedGrantTypes: ["client_credentials"],
  accessTokenLifetime: null,
  refreshTokenLifetime: null,
  version: 1,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  clientSecret: "s_Wq3Zt8Kp1Lm6Nv0Rb4Xc7Yd2Fh5Gj9",
};

const CONFIG_YAML = `apis:
  - name: billing
    displayName: Billing
    owners: [owner@example.com]
    scopes:
      - name: invoices:read
        displayName: Read invoices
        accessTokenLifetime: 1 h
clients:
  - clientId: invoice-exporter
    name: Invoice exporter
    type: confidential
    allowedScopes: [invoices:read]
    allowedGrantTypes: [client_credentials]
`;

const configJson = {
  apis: [
    {
      name: "billing",
      displayName: "Billing",
      owners: ["owner@example.com"],
      scopes: [{ name: "invoices:read", displayName: "Read invoices", accessTokenLifetime: 3600 }],
    },
  ],
  clients: [
    {
      clientId: "invoice-exporter",
      name: "Invoice exporter",
      type: "confidential",
      allowedScopes: ["invoices:read"],
      allowedGrantTypes: ["client_credentials"],
    },
  ],
};

const plan = {
  fingerprint: "5d41402abc4b2a76b9719d911017c592ae2bd1d5a9d4c0d2c8e1f0a3b4c5d6e7",
  changes: [
    {
      action: "create",
      resourceType: "api",
      name: "billing",
      fields: {
        displayName: { before: null, after: "Billing" },
        owners: { before: null, after: ["owner@example.com"] },
      },
    },
    {
      action: "update",
      resourceType: "scope",
      name: "invoices:read",
      fields: { accessTokenLifetime: { before: 86400, after: 3600 } },
    },
    {
      action: "delete",
      resourceType: "client",
      name: "legacy-reporter",
      fields: { name: { before: "Legacy reporter", after: null } },
      impact: { allowedClients: 0, consents: 0, liveGrants: 0 },
    },
  ],
};

const example = (summary: string, value: unknown): Record<string, Example> => ({ example: { summary, value } });

export const OPERATIONS: Operation[] = [
  // APIs
  {
    method: "get",
    path: "/api/apis",
    operationId: "listApis",
    tag: "APIs",
    summary: "List APIs",
    description: "A service owner sees only the APIs they manage.",
    access: "read",
    query: ZListApisQuery,
    response: { status: 200, description: "One page of APIs.", component: output("ApiPage", ZPage(ZApiDto)) },
  },
  {
    method: "post",
    path: "/api/apis",
    operationId: "createApi",
    tag: "APIs",
    summary: "Create an API",
    description:
      "Admins only. The name is the API's identity and cannot change later. `resourceUri` (RFC 8707) defaults to `urn:scope-console:api:<name>`.",
    access: "write",
    body: {
      component: input("CreateApiRequest", ZCreateApiRequest),
      examples: example("An API whose tokens inherit the service's lifetimes", {
        name: "billing",
        displayName: "Billing",
        description: "Invoices and payments.",
      }),
    },
    response: { status: 201, description: "The API created.", component: Api, examples: example("Created", api) },
    conflict: "An API of that name, or another API with that `resourceUri`, exists.",
  },
  {
    method: "get",
    path: "/api/apis/{id}",
    operationId: "getApi",
    tag: "APIs",
    summary: "Get an API",
    access: "read",
    response: { status: 200, description: "The API.", component: Api },
  },
  {
    method: "patch",
    path: "/api/apis/{id}",
    operationId: "updateApi",
    tag: "APIs",
    summary: "Update an API",
    description:
      "Sends the `version` it was made from; fields left out stay as they are. The name is read-only, and so is the built-in API's `resourceUri` (403).",
    access: "write",
    body: { component: input("UpdateApiRequest", ZUpdateApiRequest) },
    response: { status: 200, description: "The API as it is now.", component: Api },
    conflict: `${STALE_VERSION} Or another API has that \`resourceUri\`.`,
  },
  {
    method: "delete",
    path: "/api/apis/{id}",
    operationId: "deleteApi",
    tag: "APIs",
    summary: "Delete an API and its scopes",
    access: "write",
    query: ZDeleteQuery,
    response: { status: 204, description: "Deleted." },
    conflict: IN_USE,
  },
  {
    method: "get",
    path: "/api/apis/{id}/impact",
    operationId: "getApiImpact",
    tag: "APIs",
    summary: "What deleting an API would reach",
    description: "Each client, consent and grant counted once over all the API's scopes.",
    access: "read",
    response: { status: 200, description: "The reach of its scopes together.", component: ScopeImpact },
  },

  // Scopes
  {
    method: "get",
    path: "/api/apis/{id}/scopes",
    operationId: "listScopes",
    tag: "Scopes",
    summary: "List an API's scopes",
    description: "Paged, searched and sorted in SQL; filters by lifecycle and by each flag.",
    access: "read",
    query: ZListScopesQuery,
    response: { status: 200, description: "One page of scopes.", component: output("ScopePage", ZPage(ZScopeDto)) },
  },
  {
    method: "post",
    path: "/api/apis/{id}/scopes",
    operationId: "createScope",
    tag: "Scopes",
    summary: "Create a scope",
    description: "Scope names are unique across the service and cannot change later.",
    access: "write",
    body: {
      component: input("CreateScopeRequest", ZCreateScopeRequest),
      examples: example("A scope whose access tokens live an hour", {
        name: "invoices:read",
        displayName: "Read invoices",
        description: "See your invoices and their payments.",
        showInDiscoveryDocument: true,
        accessTokenLifetime: "1 h",
      }),
    },
    response: { status: 201, description: "The scope created.", component: Scope, examples: example("Created", scope) },
    conflict: "A scope of that name exists (in any API).",
  },
  {
    method: "get",
    path: "/api/apis/{id}/scopes/{scopeId}",
    operationId: "getScope",
    tag: "Scopes",
    summary: "Get a scope",
    access: "read",
    response: { status: 200, description: "The scope.", component: Scope },
  },
  {
    method: "patch",
    path: "/api/apis/{id}/scopes/{scopeId}",
    operationId: "updateScope",
    tag: "Scopes",
    summary: "Update a scope",
    description:
      "Sends the `version` it was made from; fields left out stay as they are. A GET body may be sent back: the fields the server sets must then be unchanged.",
    access: "write",
    body: { component: input("UpdateScopeRequest", ZUpdateScopeRequest) },
    response: { status: 200, description: "The scope as it is now.", component: Scope },
    conflict: STALE_VERSION,
  },
  {
    method: "delete",
    path: "/api/apis/{id}/scopes/{scopeId}",
    operationId: "deleteScope",
    tag: "Scopes",
    summary: "Delete a scope",
    description: "Removes it from every client, consent, grant and unredeemed code, in one transaction.",
    access: "write",
    query: ZDeleteQuery,
    response: { status: 204, description: "Deleted." },
    conflict: IN_USE,
  },
  {
    method: "get",
    path: "/api/apis/{id}/scopes/{scopeId}/impact",
    operationId: "getScopeImpact",
    tag: "Scopes",
    summary: "What deleting or changing a scope would reach",
    access: "read",
    response: { status: 200, description: "The scope's reach.", component: ScopeImpact },
  },
  {
    method: "post",
    path: "/api/apis/{id}/scopes/bulk",
    operationId: "bulkChangeScopes",
    tag: "Scopes",
    summary: "Set flags of several scopes, or delete them",
    description:
      "In one transaction. A delete of scopes in use needs `confirm`: their count, as text. At most 100 scopes.",
    access: "write",
    body: { component: input("BulkScopesRequest", ZBulkScopesRequest) },
    response: {
      status: 200,
      description: "What it changed.",
      component: output("BulkScopesResult", ZBulkScopesResult),
    },
    conflict: "A delete of scopes in use whose `confirm` is not their count, or an update of retired scopes.",
  },
  {
    method: "get",
    path: "/api/scopes",
    operationId: "listScopeDirectory",
    tag: "Scopes",
    summary: "The scopes the caller may allow a client",
    description:
      "Across APIs, by name, retired ones left out: an admin sees all, a service owner their APIs' (the client dialog's picker).",
    access: "read",
    query: ZScopeDirectoryQuery,
    response: {
      status: 200,
      description: "One page of the directory.",
      component: output("ScopeDirectoryPage", ZPage(ZScopeDirectoryEntry)),
    },
  },

  // Usage
  {
    method: "get",
    path: "/api/apis/{id}/scopes/{scopeId}/usage",
    operationId: "getScopeUsage",
    tag: "Usage",
    summary: "Tokens issued carrying a scope, per UTC day and per client",
    description: "Counts lag by up to 5 s per process.",
    access: "read",
    query: ZScopeUsageQuery,
    response: { status: 200, description: "The scope's usage.", component: output("ScopeUsage", ZScopeUsageDto) },
  },
  {
    method: "get",
    path: "/api/clients/{id}/review",
    operationId: "reviewClient",
    tag: "Usage",
    summary: "A client's access review",
    description: "The allowed scopes it was not granted in the window.",
    access: "read",
    query: ZClientReviewQuery,
    response: { status: 200, description: "The review.", component: output("ClientReview", ZClientReviewDto) },
  },
  {
    method: "get",
    path: "/api/clients/review",
    operationId: "reviewClients",
    tag: "Usage",
    summary: "The access review of up to 100 clients",
    description: "The clients the caller does not manage are left out.",
    access: "read",
    query: ZClientReviewsQuery,
    response: {
      status: 200,
      description: "The reviews, by row id.",
      component: output("ClientReviews", ZClientReviewsDto),
    },
  },
  {
    method: "get",
    path: "/api/deprecations",
    operationId: "listDeprecations",
    tag: "Usage",
    summary: "Deprecated scopes by sunset",
    description: "With the clients that requested each in the last 30 days.",
    access: "read",
    response: {
      status: 200,
      description: "The deprecated scopes.",
      component: output("Deprecations", ZDeprecationsDto),
    },
  },

  // Clients
  {
    method: "get",
    path: "/api/clients",
    operationId: "listClients",
    tag: "Clients",
    summary: "List clients",
    description: "A service owner sees the clients whose scopes all belong to their APIs.",
    access: "read",
    query: ZListClientsQuery,
    response: { status: 200, description: "One page of clients.", component: output("ClientPage", ZPage(ZClientDto)) },
  },
  {
    method: "post",
    path: "/api/clients",
    operationId: "createClient",
    tag: "Clients",
    summary: "Register a client",
    description:
      "A confidential client's secret is answered this once, and stored only hashed. A public client cannot use client_credentials; authorization_code needs a redirect URI.",
    access: "write",
    body: {
      component: input("CreateClientRequest", ZCreateClientRequest),
      examples: example("A machine client for client_credentials", {
        name: "Invoice exporter",
        type: "confidential",
        allowedScopes: ["invoices:read"],
        allowedGrantTypes: ["client_credentials"],
      }),
    },
    response: {
      status: 201,
      description: "The client, with its secret.",
      component: ClientWithSecret,
      examples: example("Created", client),
    },
    conflict: "An allowed scope was deleted at the same time.",
  },
  {
    method: "get",
    path: "/api/clients/{id}",
    operationId: "getClient",
    tag: "Clients",
    summary: "Get a client",
    access: "read",
    response: { status: 200, description: "The client.", component: Client },
  },
  {
    method: "patch",
    path: "/api/clients/{id}",
    operationId: "updateClient",
    tag: "Clients",
    summary: "Update a client",
    description: "Sends the `version` it was made from; fields left out stay as they are.",
    access: "write",
    body: { component: input("UpdateClientRequest", ZUpdateClientRequest) },
    response: { status: 200, description: "The client as it is now.", component: Client },
    conflict: STALE_VERSION,
  },
  {
    method: "delete",
    path: "/api/clients/{id}",
    operationId: "deleteClient",
    tag: "Clients",
    summary: "Delete a client",
    description: "What users granted it (grants and their refresh tokens) goes with it.",
    access: "write",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "post",
    path: "/api/clients/{id}/secret",
    operationId: "regenerateClientSecret",
    tag: "Clients",
    summary: "A new secret for a confidential client",
    description: "The old secret stops working at once; the new one is answered this once.",
    access: "write",
    response: { status: 200, description: "The client, with its new secret.", component: ClientWithSecret },
  },

  // Configuration
  {
    method: "get",
    path: "/api/config",
    operationId: "exportConfig",
    tag: "Configuration",
    summary: "Export the configuration",
    description:
      "Admins only. The settings, the APIs with their scopes and owners, and the clients, without ids, versions or secrets, in a stable order: YAML unless `Accept: application/json`.",
    access: "read",
    response: {
      status: 200,
      description: "The configuration document.",
      component: ConfigDocument,
      yaml: true,
      examples: example("The document", CONFIG_YAML),
    },
  },
  {
    method: "post",
    path: "/api/config/plan",
    operationId: "planConfig",
    tag: "Configuration",
    summary: "Plan a configuration document",
    description:
      "Admins only. Each change the document would make, field by field, and what a deletion reaches; nothing is written. A document manages what it lists, and deletes what it leaves out only with `prune: true`.",
    access: "read",
    body: {
      component: ConfigDocument,
      yaml: true,
      examples: {
        yaml: { summary: "An API, a scope and a client, as YAML", value: CONFIG_YAML },
        json: { summary: "The same, as JSON", value: configJson },
      },
    },
    response: {
      status: 200,
      description: "The plan: its fingerprint, which apply needs, and the changes.",
      component: ConfigPlan,
      examples: example("A create, an update and a pruned client", plan),
    },
  },
  {
    method: "post",
    path: "/api/config/apply",
    operationId: "applyConfig",
    tag: "Configuration",
    summary: "Apply a configuration document",
    description:
      "Admins only. Makes the plan's changes in one transaction, audited, with the same rules as the console's own requests.",
    access: "write",
    query: ZApplyQuery,
    body: { component: ConfigDocument, yaml: true },
    response: {
      status: 200,
      description: "The changes made, and the secrets of the confidential clients created.",
      component: output("AppliedConfig", ZAppliedConfig),
    },
    conflict:
      'What the document lists changed since the plan of `fingerprint` (`"conflict": "stale-plan"`): plan again.',
  },

  // Settings
  {
    method: "get",
    path: "/api/settings",
    operationId: "getSettings",
    tag: "Settings",
    summary: "The service settings",
    access: "read",
    response: { status: 200, description: "The service-wide lifetimes.", component: Settings },
  },
  {
    method: "put",
    path: "/api/settings",
    operationId: "updateSettings",
    tag: "Settings",
    summary: "Change the service settings",
    description: "Admins only; every lifetime, and the `version` the change was made from.",
    access: "write",
    body: { component: input("UpdateSettingsRequest", ZUpdateSettingsRequest) },
    response: { status: 200, description: "The settings as they are now.", component: Settings },
    conflict: STALE_VERSION,
  },

  // Token preview
  {
    method: "post",
    path: "/api/token-preview",
    operationId: "previewToken",
    tag: "Token preview",
    summary: "What a token request would get",
    description:
      "Decided by the same rules as /oauth/token, and explained; nothing is issued (so console:read may ask).",
    access: "read",
    body: { component: input("TokenPreviewRequest", ZTokenPreviewRequest) },
    response: { status: 200, description: "The decision.", component: output("TokenPreview", ZTokenPreview) },
  },

  // Users
  {
    method: "get",
    path: "/api/users",
    operationId: "listUsers",
    tag: "Users",
    summary: "List users",
    description: "Admins only.",
    access: "read",
    query: ZListUsersQuery,
    response: { status: 200, description: "One page of users.", component: output("UserPage", ZPage(ZUserDto)) },
  },
  {
    method: "post",
    path: "/api/users",
    operationId: "createUser",
    tag: "Users",
    summary: "Add a user",
    description: "Admins only.",
    access: "write",
    body: { component: input("CreateUserRequest", ZCreateUserRequest) },
    response: { status: 201, description: "The user added.", component: User },
    conflict: "A user with that email exists.",
  },
  {
    method: "get",
    path: "/api/users/{id}",
    operationId: "getUser",
    tag: "Users",
    summary: "Get a user",
    access: "read",
    response: { status: 200, description: "The user.", component: User },
  },
  {
    method: "patch",
    path: "/api/users/{id}",
    operationId: "updateUser",
    tag: "Users",
    summary: "Change a user's role, APIs, or disable them",
    access: "write",
    body: { component: input("UpdateUserRequest", ZUpdateUserRequest) },
    response: { status: 200, description: "The user as they are now.", component: User },
    conflict: `${STALE_VERSION} Or the change would leave no enabled admin.`,
  },
  {
    method: "put",
    path: "/api/users/{id}/password",
    operationId: "resetPassword",
    tag: "Users",
    summary: "Reset a user's password",
    description: "Admins only. The user's sessions and grants end with the old password.",
    access: "write",
    body: { component: input("ResetPasswordRequest", ZResetPasswordRequest) },
    response: { status: 200, description: "The user.", component: User },
  },

  // Audit
  {
    method: "get",
    path: "/api/audit",
    operationId: "listAudit",
    tag: "Audit",
    summary: "The audit log",
    description: "Admins only; newest first.",
    access: "read",
    query: ZListAuditQuery,
    response: {
      status: 200,
      description: "One page of audit events.",
      component: output("AuditEventPage", ZPage(ZAuditEventDto)),
    },
  },

  // Session
  {
    method: "get",
    path: "/api/session",
    operationId: "getSession",
    tag: "Session",
    summary: "Who is signed in, or which client a bearer token is",
    access: "read",
    response: { status: 200, description: "The signed-in user.", component: output("Viewer", ZViewer) },
  },
  {
    method: "post",
    path: "/api/session",
    operationId: "signIn",
    tag: "Session",
    summary: "Sign in",
    description:
      "Sets the session cookie. Failed attempts are limited per account and per address: past the limit, 429 with Retry-After.",
    access: "public",
    body: { component: input("SignInRequest", ZSignInRequest) },
    response: {
      status: 200,
      description: "Signed in.",
      component: output("SignedIn", ZViewer.pick({ email: true, role: true })),
      headers: {
        "Set-Cookie": {
          description: "The session cookie: HttpOnly, SameSite=Lax, Path=/.",
          schema: { type: "string" },
        },
      },
    },
    tooManyRequests: true,
  },
  {
    method: "delete",
    path: "/api/session",
    operationId: "signOut",
    tag: "Session",
    summary: "Sign out",
    description: "Deletes the session, so the cookie is worthless even if kept.",
    access: "public",
    response: { status: 204, description: "Signed out; the cookie is cleared." },
  },
  {
    method: "get",
    path: "/api/sessions",
    operationId: "listOwnSessions",
    tag: "Session",
    summary: "The signed-in person's own sessions",
    description:
      "Every unexpired browser session of the person signed in (never anyone else's), the current one marked, with the applications authorized in each. A bearer token has no sessions: 403.",
    access: "session",
    response: {
      status: 200,
      description: "The current session first, then the others by their last use.",
      component: output("SessionList", ZSessionList),
    },
  },
  {
    method: "delete",
    path: "/api/sessions/{id}",
    operationId: "endOwnSession",
    tag: "Session",
    summary: "End one of one's own sessions",
    description:
      "Signs that browser out and revokes the grants authorized in the session that do not hold offline_access (their refresh and access tokens stop working). Another person's session answers 404. Ending the current session also clears its cookie.",
    access: "session",
    response: { status: 204, description: "The session has ended." },
  },

  // Reference
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Reference",
    summary: "This document",
    description: "OpenAPI 3.1, generated from the schemas the handlers validate with. Holds no data: open to anyone.",
    access: "public",
    response: {
      status: 200,
      description: "The OpenAPI document.",
      component: output("OpenApiDocument", z.looseObject({ openapi: z.string() })),
    },
  },
];
