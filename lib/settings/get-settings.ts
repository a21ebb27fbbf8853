// Shared with the protocol path, which runs outside Next.js: no "server-only" marker here.
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_SERVICE_SETTINGS } from "@/lib/issuing";
import type { SettingsDto } from "@/lib/settings/schemas";

/** The version of settings never saved: the first save is made from it. */
export const INITIAL_SETTINGS_VERSION = 1;

/** The service settings; the issuing module's defaults until an admin saves them. */
export async function getSettingsFrom(prisma: Pick<PrismaClient, "serviceSettings">): Promise<SettingsDto> {
  const row = await prisma.serviceSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULT_SERVICE_SETTINGS, version: INITIAL_SETTINGS_VERSION, updatedAt: null };
  const { id: _id, updatedAt, ...settings } = row;
  return { ...settings, updatedAt: updatedAt.toISOString() };
}

export const getSettings = () => getSettingsFrom(db());
