import { handler } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/permissions";
import { CONFIG_MEDIA_TYPES, exportConfig, formatConfig } from "@/lib/config-file/export";
import { db } from "@/lib/db/client";

/** The configuration as one document: YAML unless JSON is asked for (Accept: application/json). */
export const GET = handler(async (request, _params, actor) => {
  requireAdmin(actor, "export the configuration");
  const format = /application\/json/i.test(request.headers.get("accept") ?? "") ? "json" : "yaml";
  const config = await db().$transaction((tx) => exportConfig(tx));
  return new Response(formatConfig(config, format), {
    headers: { "content-type": `${CONFIG_MEDIA_TYPES[format]}; charset=utf-8`, "cache-control": "no-store" },
  });
});
