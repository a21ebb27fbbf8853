import { handler, json, noContent, parseJson, parseQuery } from "@/lib/api/route";
import { deleteScope } from "@/lib/scopes/delete-scope";
import { getScope } from "@/lib/scopes/get-scope";
import { ZDeleteQuery, ZUpdateScopeRequest } from "@/lib/scopes/schemas";
import { updateScope } from "@/lib/scopes/update-scope";

type Params = { id: string; scopeId: string };

export const GET = handler<Params>(async (_request, { id, scopeId }, actor) =>
  json(await getScope(actor, id, scopeId)),
);

export const PATCH = handler<Params>(async (request, { id, scopeId }, actor) =>
  json(await updateScope(actor, id, scopeId, await parseJson(request, ZUpdateScopeRequest))),
);

export const DELETE = handler<Params>(async (request, { id, scopeId }, actor) => {
  await deleteScope(actor, id, scopeId, parseQuery(request, ZDeleteQuery));
  return noContent();
});
