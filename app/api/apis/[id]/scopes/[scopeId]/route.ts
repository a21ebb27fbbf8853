import { handler, json, parseJson } from "@/lib/http/route";
import { deleteScope } from "@/lib/scopes/delete-scope";
import { getScope } from "@/lib/scopes/get-scope";
import { ZUpdateScopeRequest } from "@/lib/scopes/schemas";
import { updateScope } from "@/lib/scopes/update-scope";

type Params = { id: string; scopeId: string };

export const GET = handler<Params>(async (_request, { id, scopeId }) => json(await getScope(id, scopeId)));

export const PATCH = handler<Params>(async (request, { id, scopeId }) =>
  json(await updateScope(id, scopeId, await parseJson(request, ZUpdateScopeRequest))),
);

export const DELETE = handler<Params>(async (_request, { id, scopeId }) => {
  await deleteScope(id, scopeId);
  return new Response(null, { status: 204 });
});
