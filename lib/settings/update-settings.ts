import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { changeConfig } from "@/lib/db/config-change";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { staleVersion } from "@/lib/errors";
import { getSettingsFrom } from "@/lib/settings/get-settings";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";

export async function updateSettings(actor: Actor, input: TUpdateSettingsRequest): Promise<SettingsDto> {
  requireAdmin(actor, "change the service settings");
  const { version, ...settings } = input;
  return changeConfig(async (tx) => {
    const before = await getSettingsFrom(tx);
    if (before.version !== version) throw staleVersion("The settings");
    const row = before.updatedAt
      ? await versionedUpdate(
          tx.serviceSettings.update({ where: { id: 1, version }, data: { ...settings, ...nextVersion } }),
          "The settings",
        )
      : await tx.serviceSettings.create({ data: { id: 1, ...settings, version: version + 1 } });
    const { id: _id, updatedAt, ...saved } = row;
    const after = { ...saved, updatedAt: updatedAt.toISOString() };
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "settings",
      resourceId: "1",
      resourceName: "Service settings",
      before,
      after,
    });
    return after;
  });
}
