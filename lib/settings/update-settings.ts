import "server-only";
import { db } from "@/lib/db/client";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";

export async function updateSettings(input: TUpdateSettingsRequest): Promise<SettingsDto> {
  const {
    id: _id,
    updatedAt,
    ...settings
  } = await db().serviceSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...input },
    update: input,
  });
  return { ...settings, updatedAt: updatedAt.toISOString() };
}
