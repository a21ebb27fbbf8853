import { handler, json, parseJson, parseQuery } from "@/lib/api/route";
import { createApi } from "@/lib/apis/create-api";
import { listApis } from "@/lib/apis/list-apis";
import { ZCreateApiRequest, ZListApisQuery } from "@/lib/apis/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await listApis(actor, parseQuery(request, ZListApisQuery))),
);

export const POST = handler(async (request, _params, actor) =>
  json(await createApi(actor, await parseJson(request, ZCreateApiRequest)), 201),
);
