import { handler, json, parseQuery } from "@/lib/api/route";
import { getScopeUsage } from "@/lib/usage/get-scope-usage";
import { ZScopeUsageQuery } from "@/lib/usage/schemas";

type Params = { id: string; scopeId: string };

export const GET = handler<Params>(async (request, { id, scopeId }, actor) =>
  json(await getScopeUsage(actor, id, scopeId, parseQuery(request, ZScopeUsageQuery))),
);
