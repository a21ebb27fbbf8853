import { handler, json } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/permissions";
import { parseConfigDocument } from "@/lib/config-file/parse";
import { planConfig } from "@/lib/config-file/plan";
import { db } from "@/lib/db/client";

/** What applying the document would change; nothing is written (so console:read may ask). */
export const POST = handler(
  async (request, _params, actor) => {
    requireAdmin(actor, "plan a configuration");
    const document = await parseConfigDocument(request);
    return json(await db().$transaction((tx) => planConfig(tx, document)));
  },
  { access: "read" },
);
