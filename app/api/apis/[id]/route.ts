import { handler, json, noContent, parseJson, parseQuery } from "@/lib/api/route";
import { deleteApi } from "@/lib/apis/delete-api";
import { getApi } from "@/lib/apis/get-api";
import { ZUpdateApiRequest } from "@/lib/apis/schemas";
import { updateApi } from "@/lib/apis/update-api";
import { ZDeleteQuery } from "@/lib/scopes/schemas";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }, actor) => json(await getApi(actor, id)));

export const PATCH = handler<Params>(async (request, { id }, actor) =>
  json(await updateApi(actor, id, await parseJson(request, ZUpdateApiRequest))),
);

export const DELETE = handler<Params>(async (request, { id }, actor) => {
  await deleteApi(actor, id, parseQuery(request, ZDeleteQuery));
  return noContent();
});
