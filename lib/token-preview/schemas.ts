import { z } from "zod";
import {
  type ConsentScreen,
  type ExplanationLine,
  GRANT_TYPES,
  RESOURCE_URI_MAX_LENGTH,
  type RefreshTokenDecision,
  type TokenError,
} from "@/lib/issuing";
import { NAME_MAX_LENGTH, sameType, ZInstant } from "@/lib/validation";

/** More scopes than any real request carries. */
export const MAX_PREVIEW_SCOPES = 500;
/** More resources than any real request names. */
export const MAX_PREVIEW_RESOURCES = 50;

export const ZTokenPreviewRequest = z
  .object({
    clientId: z.string().trim().min(1).max(NAME_MAX_LENGTH).optional(),
    scopes: z.array(z.string().trim().max(NAME_MAX_LENGTH)).max(MAX_PREVIEW_SCOPES).default([]),
    grantType: z.enum(GRANT_TYPES, { error: `The grant type must be one of: ${GRANT_TYPES.join(", ")}.` }),
    resources: z
      .array(z.string().trim().max(RESOURCE_URI_MAX_LENGTH))
      .max(MAX_PREVIEW_RESOURCES)
      .default([])
      .describe("The request's `resource` values (RFC 8707); the issuing module checks them."),
  })
  .strict();
export type TTokenPreviewRequest = z.infer<typeof ZTokenPreviewRequest>;

// The preview answers the issuing module's own values (lib/issuing keeps plain types: it imports no
// zod). Their schemas are written here once, and the compiler holds each to its type: a field added
// to one and not the other fails the type-check (`sameType` below).

const ZExplanationLine = z.object({
  subject: z.enum(["scopes", "accessToken", "refreshToken", "consent"]),
  source: z.enum(["service", "api", "scope", "client", "absolute", "request"]),
  text: z.string(),
  value: z.number().optional(),
});

const ZDeprecatedScope = z.object({
  name: z.string(),
  deprecatedAt: z.number().int().nullable().describe("Epoch seconds, or null when marked deprecated without a date."),
  sunsetAt: z.number().int().nullable().describe("Epoch seconds."),
  note: z.string(),
  replacedBy: z.string().nullable(),
  replacementLabel: z.string().nullable(),
  replacementDocumentationUrl: z.string().nullable(),
});

const ZConsentScreen = z.object({
  scopes: z.array(
    z.object({
      name: z.string(),
      displayName: z.string(),
      description: z.string(),
      required: z.boolean(),
      emphasize: z.boolean(),
      checked: z.boolean().describe("Ticked when the screen opens."),
      locked: z.boolean().describe("The user cannot untick it."),
      deprecation: ZDeprecatedScope.nullable().describe("Null while the scope is active."),
    }),
  ),
});

const ZTokenError = z.enum(["invalid_scope", "unauthorized_client", "invalid_grant", "invalid_target"]);

/** What a token request would get, or why it would be refused. Lifetimes in seconds; moments as ISO 8601. */
export const ZTokenPreview = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    client: z
      .object({ clientId: z.string(), name: z.string() })
      .nullable()
      .describe("The client previewed, or null for a client allowed every scope."),
    grantedScopes: z.array(z.string()),
    accessToken: z.object({
      lifetime: z.number().int(),
      expiresAt: ZInstant,
      scopes: z
        .array(z.string())
        .describe("The access token's scopes: the granted ones, less those of APIs other than its resources."),
      resources: z.array(z.string()).describe("The resources it is for (RFC 8707); empty when none was named."),
      audiences: z
        .array(z.string())
        .describe(
          "Its `aud`: the resources, else its scopes' API names; empty when it has no scope (the issuer then).",
        ),
    }),
    refreshToken: z
      .object({
        lifetime: z.number().int(),
        absoluteLifetime: z.number().int(),
        offline: z.boolean(),
        expiresAt: ZInstant,
        endsAt: ZInstant.describe("When the grant can be refreshed no longer (its absolute lifetime from consent)."),
      })
      .nullable(),
    consent: ZConsentScreen.nullable(),
    explanation: z.array(ZExplanationLine),
  }),
  z.object({
    ok: z.literal(false),
    error: ZTokenError,
    description: z.string(),
    explanation: z.array(ZExplanationLine),
  }),
]);
export type TokenPreview = z.infer<typeof ZTokenPreview>;

sameType<z.infer<typeof ZExplanationLine>, ExplanationLine>(true);
sameType<z.infer<typeof ZConsentScreen>, ConsentScreen>(true);
sameType<z.infer<typeof ZTokenError>, TokenError>(true);
sameType<
  Pick<NonNullable<Extract<TokenPreview, { ok: true }>["refreshToken"]>, "lifetime" | "absoluteLifetime" | "offline">,
  Pick<RefreshTokenDecision, "lifetime" | "absoluteLifetime" | "offline">
>(true);
