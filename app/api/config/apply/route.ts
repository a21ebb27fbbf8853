import { handler, json, parseQuery } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/permissions";
import { applyConfig } from "@/lib/config-file/apply";
import { parseConfigDocument } from "@/lib/config-file/parse";
import { ZApplyQuery } from "@/lib/config-file/schema";

/** Applies the document, in one transaction, if the console is as the plan of `fingerprint` saw it. */
export const POST = handler(async (request, _params, actor) => {
  requireAdmin(actor, "apply a configuration");
  const { fingerprint } = parseQuery(request, ZApplyQuery);
  return json(await applyConfig(actor, await parseConfigDocument(request), fingerprint));
});
