import { handler, json } from "@/lib/api/route";
import { getScopeImpact } from "@/lib/scopes/get-impact";

type Params = { id: string; scopeId: string };

export const GET = handler<Params>(async (_request, { id, scopeId }, actor) =>
  json(await getScopeImpact(actor, id, scopeId)),
);
