import { z } from "zod";
import {
  type ConsentScreen,
  type ExplanationLine,
  GRANT_TYPES,
  type RefreshTokenDecision,
  type TokenError,
} from "@/lib/issuing";
import { NAME_MAX_LENGTH } from "@/lib/validation";

/** More scopes than any real request carries. */
export const MAX_PREVIEW_SCOPES = 500;

export const ZTokenPreviewRequest = z
  .object({
    clientId: z.string().trim().min(1).max(NAME_MAX_LENGTH).optional(),
    scopes: z.array(z.string().trim().max(NAME_MAX_LENGTH)).max(MAX_PREVIEW_SCOPES).default([]),
    grantType: z.enum(GRANT_TYPES, { error: `The grant type must be one of: ${GRANT_TYPES.join(", ")}.` }),
  })
  .strict();
export type TTokenPreviewRequest = z.infer<typeof ZTokenPreviewRequest>;

/** What a token request would get, or why it would be refused. */
export type TokenPreview =
  | {
      ok: true;
      /** The client previewed, or null for a client allowed every scope. */
      client: { clientId: string; name: string } | null;
      grantedScopes: string[];
      /** Lifetimes in seconds; moments as ISO 8601 instants. */
      accessToken: { lifetime: number; expiresAt: string };
      refreshToken:
        | (Pick<RefreshTokenDecision, "lifetime" | "absoluteLifetime" | "offline"> & {
            expiresAt: string;
            /** When the grant can be refreshed no longer (its absolute lifetime from consent). */
            endsAt: string;
          })
        | null;
      consent: ConsentScreen | null;
      explanation: ExplanationLine[];
    }
  | { ok: false; error: TokenError; description: string; explanation: ExplanationLine[] };
