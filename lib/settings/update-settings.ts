import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";

export async function updateSettings(input: TUpdateSettingsRequest): Promise<SettingsDto> {
  const {
    id: _id,
    updatedAt,
    ...settings
  } = await changeConfig((tx) =>
    tx.serviceSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...input },
      update: input,
    }),
  );
  return { ...settings, updatedAt: updatedAt.toISOString() };
}
