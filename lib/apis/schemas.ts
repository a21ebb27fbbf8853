// One schema per API operation; the API dialog, the Settings tab and the handlers use them.
import { z } from "zod";
import {
  ZDescription,
  ZDisplayName,
  ZIdentifier,
  ZLifetimeOverrides,
  ZPaging,
  ZSort,
  ZVersion,
} from "@/lib/validation";

const ZApiAttributes = z.object({ displayName: ZDisplayName, description: ZDescription, ...ZLifetimeOverrides });

export const ZCreateApiRequest = ZApiAttributes.partial().extend({ name: ZIdentifier }).strict();
export type TCreateApiRequest = z.infer<typeof ZCreateApiRequest>;

/**
 * Like a scope's, an API's name is read-only once created. What GET answers may come back: the
 * fields the server sets are ignored when unchanged (lib/validation.ts requireServerFieldsUnchanged).
 */
export const ZUpdateApiRequest = ZApiAttributes.partial()
  .extend({
    name: z.string().optional(),
    version: ZVersion,
    id: z.string().optional(),
    builtIn: z.boolean().optional(),
    scopeCount: z.number().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .strict();
export type TUpdateApiRequest = z.infer<typeof ZUpdateApiRequest>;

export const API_SORT_FIELDS = ["name", "displayName", "createdAt"] as const;
export const ZListApisQuery = z.object({ ...ZPaging, sort: ZSort(API_SORT_FIELDS, "name") });
export type TListApisQuery = z.infer<typeof ZListApisQuery>;

export interface ApiDto {
  id: string;
  name: string;
  displayName: string;
  description: string;
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  /** The console's own API (lib/scopes/built-in.ts): never deleted, no owners, no new scopes. */
  builtIn: boolean;
  scopeCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}
