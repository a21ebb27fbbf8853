import { handler, json, parseJson } from "@/lib/http/route";
import { getSettings } from "@/lib/settings/get-settings";
import { ZUpdateSettingsRequest } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/update-settings";

export const GET = handler(async () => json(await getSettings()));

export const PUT = handler(async (request) =>
  json(await updateSettings(await parseJson(request, ZUpdateSettingsRequest))),
);
