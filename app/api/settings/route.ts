import { handler, json, parseJson } from "@/lib/api/route";
import { getSettings } from "@/lib/settings/get-settings";
import { ZUpdateSettingsRequest } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/update-settings";

/** Every console user sees the settings; only an admin changes them. */
export const GET = handler(async () => json(await getSettings()));

export const PUT = handler(async (request, _params, actor) =>
  json(await updateSettings(actor, await parseJson(request, ZUpdateSettingsRequest))),
);
