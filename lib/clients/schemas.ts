// One schema per client operation; the Client dialog and the route handlers use them.
import { z } from "zod";
import { CLIENT_TYPES, type ClientType, GRANT_TYPES, type GrantType, mayUseGrant } from "@/lib/issuing";
import {
  NAME_MAX_LENGTH,
  ZInstant,
  ZLifetimeOverrides,
  ZPaging,
  ZSecondsOrNull,
  ZSort,
  ZVersion,
} from "@/lib/validation";

export { CLIENT_TYPES, type ClientType };
export const MAX_REDIRECT_URIS = 20;
export const MAX_CLIENT_SCOPES = 500;
const MAX_URI_LENGTH = 2000;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** RFC 9700 section 2.1: exact strings; https, or http only on the loopback interface; no fragment. */
export function redirectUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "A redirect URI must be an absolute URL.";
  }
  if (url.hash || value.includes("#")) return "A redirect URI must not contain a fragment (#).";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return "Use https, or http only on localhost or 127.0.0.1.";
}

const ZRedirectUri = z
  .string()
  .trim()
  .min(1)
  .max(MAX_URI_LENGTH)
  .superRefine((value, context) => {
    const problem = redirectUriProblem(value);
    if (problem) context.addIssue({ code: "custom", message: `${problem} (${value})` });
  });

/**
 * Lists may also come as text, one entry per line or separated by spaces (the console's form). The
 * parameter's type is the schema's input type; any other value passes through to the array check.
 */
const splitList = (value: string | string[]) =>
  typeof value === "string" ? value.split(/\s+/).filter(Boolean) : value;

const ZClientAttributes = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(NAME_MAX_LENGTH),
  type: z.enum(CLIENT_TYPES, { error: "Type must be confidential or public." }),
  redirectUris: z.preprocess(splitList, z.array(ZRedirectUri).max(MAX_REDIRECT_URIS).default([])),
  /** Where RP-initiated logout may send the browser back: the redirect URIs' rules, matched exactly too. */
  postLogoutRedirectUris: z.preprocess(splitList, z.array(ZRedirectUri).max(MAX_REDIRECT_URIS).default([])),
  allowedScopes: z.preprocess(
    splitList,
    z.array(z.string().trim().min(1).max(NAME_MAX_LENGTH)).max(MAX_CLIENT_SCOPES).default([]),
  ),
  allowedGrantTypes: z
    .array(z.enum(GRANT_TYPES, { error: `Grant types are ${GRANT_TYPES.join(", ")}.` }))
    .min(1, "Choose at least one grant type."),
  ...ZLifetimeOverrides,
});

type ClientRules = {
  type?: ClientType;
  redirectUris?: string[];
  allowedGrantTypes?: GrantType[];
};

/** Rules across fields, for a whole client (after an update is merged too). */
export function clientRuleIssues(client: ClientRules): Record<string, string[]> {
  const issues: Record<string, string[]> = {};
  const type = client.type;
  const refused = type ? (client.allowedGrantTypes ?? []).filter((grant) => !mayUseGrant(type, grant)) : [];
  if (refused.length > 0) {
    issues.allowedGrantTypes = [`A public client has no secret, so it cannot use ${refused.join(", ")}.`];
  }
  if (client.allowedGrantTypes?.includes("authorization_code") && (client.redirectUris?.length ?? 0) === 0) {
    issues.redirectUris = ["The authorization_code grant needs at least one redirect URI."];
  }
  return issues;
}

export const ZCreateClientRequest = ZClientAttributes.strict().superRefine((client, context) => {
  for (const [path, messages] of Object.entries(clientRuleIssues(client))) {
    for (const message of messages) context.addIssue({ code: "custom", path: [path], message });
  }
});
export type TCreateClientRequest = z.infer<typeof ZCreateClientRequest>;

/** What GET answers may come back: the fields the server sets are ignored when unchanged (as a scope's). */
export const ZUpdateClientRequest = ZClientAttributes.partial()
  .extend({
    version: ZVersion,
    id: z.string().optional(),
    clientId: z.string().optional(),
    hasSecret: z.boolean().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .strict();
export type TUpdateClientRequest = z.infer<typeof ZUpdateClientRequest>;

export const ZListClientsQuery = z.object({ ...ZPaging, sort: ZSort(["name", "clientId", "createdAt"], "name") });
export type TListClientsQuery = z.infer<typeof ZListClientsQuery>;

/** A client as the JSON API answers it: never its secret, nor the secret's hash. */
export const ZClientDto = z.object({
  id: z.string().describe("The row's id, in the console's paths."),
  clientId: z.string().describe("The OAuth client_id."),
  name: z.string(),
  type: z.enum(CLIENT_TYPES),
  hasSecret: z.boolean(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z
    .array(z.string())
    .describe("Where RP-initiated logout may send the browser back (post_logout_redirect_uri, matched exactly)."),
  allowedScopes: z.array(z.string()).describe("Scope names, in name order."),
  allowedGrantTypes: z.array(z.enum(GRANT_TYPES)),
  accessTokenLifetime: ZSecondsOrNull,
  refreshTokenLifetime: ZSecondsOrNull,
  version: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type ClientDto = z.infer<typeof ZClientDto>;

/** What creating a client (or regenerating its secret) answers: the secret, this once. */
export const ZClientWithSecret = ZClientDto.extend({
  clientSecret: z.string().nullable().describe("Shown this once (stored only hashed); null for a public client."),
});
export type ClientWithSecret = z.infer<typeof ZClientWithSecret>;
