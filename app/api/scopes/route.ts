import { handler, json, parseQuery } from "@/lib/api/route";
import { listScopeDirectory } from "@/lib/scopes/directory";
import { ZScopeDirectoryQuery } from "@/lib/scopes/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await listScopeDirectory(actor, parseQuery(request, ZScopeDirectoryQuery))),
);
