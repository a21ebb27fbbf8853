import { handler, json, parseJson, parseQuery } from "@/lib/api/route";
import { createScope } from "@/lib/scopes/create-scope";
import { listScopes } from "@/lib/scopes/list-scopes";
import { ZCreateScopeRequest, ZListScopesQuery } from "@/lib/scopes/schemas";

type Params = { id: string };

export const GET = handler<Params>(async (request, { id }, actor) =>
  json(await listScopes(actor, id, parseQuery(request, ZListScopesQuery))),
);

export const POST = handler<Params>(async (request, { id }, actor) =>
  json(await createScope(actor, id, await parseJson(request, ZCreateScopeRequest)), 201),
);
