// The service settings: one schema for the Settings page and PUT /api/settings.
import { z } from "zod";
import type { StoredSettings } from "@/lib/config/load";
import type { ServiceSettings } from "@/lib/issuing";
import { sameType, ZAuthorizationCodeLifetime, ZInstant, ZLifetime, ZVersion } from "@/lib/validation";

export const ZUpdateSettingsRequest = z
  .object({
    accessTokenLifetime: ZLifetime,
    refreshTokenLifetime: ZLifetime,
    refreshAbsoluteLifetime: ZLifetime,
    offlineRefreshTokenLifetime: ZLifetime,
    offlineAbsoluteLifetime: ZLifetime,
    authorizationCodeLifetime: ZAuthorizationCodeLifetime,
    version: ZVersion,
  })
  .strict();
export type TUpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;

/** As stored (lib/config/load.ts): the lifetimes, the version, when they were last saved (null: never). */
export const ZSettingsDto = ZUpdateSettingsRequest.extend({ updatedAt: ZInstant.nullable() });
export type SettingsDto = StoredSettings;
sameType<z.output<typeof ZSettingsDto>, SettingsDto>(true);

/** Field labels, shared by the Settings page and the explanations around it. */
export const SETTINGS_FIELDS: { key: keyof ServiceSettings; label: string; hint: string }[] = [
  { key: "accessTokenLifetime", label: "Access token lifetime", hint: "For scopes whose API sets no default." },
  { key: "refreshTokenLifetime", label: "Refresh token lifetime", hint: "Each refresh token without offline_access." },
  {
    key: "refreshAbsoluteLifetime",
    label: "Refresh absolute lifetime",
    hint: "Without offline_access, refreshing stops this long after the user's consent.",
  },
  {
    key: "offlineRefreshTokenLifetime",
    label: "Offline refresh token lifetime",
    hint: "Each refresh token with offline_access.",
  },
  {
    key: "offlineAbsoluteLifetime",
    label: "Offline absolute lifetime",
    hint: "With offline_access, refreshing stops this long after the user's consent.",
  },
  { key: "authorizationCodeLifetime", label: "Authorization code lifetime", hint: "At most 10 min (RFC 6749)." },
];
