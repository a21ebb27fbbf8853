import { deleteApi } from "@/lib/apis/delete-api";
import { getApi } from "@/lib/apis/get-api";
import { ZUpdateApiRequest } from "@/lib/apis/schemas";
import { updateApi } from "@/lib/apis/update-api";
import { handler, json, parseJson } from "@/lib/http/route";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }) => json(await getApi(id)));

export const PATCH = handler<Params>(async (request, { id }) =>
  json(await updateApi(id, await parseJson(request, ZUpdateApiRequest))),
);

export const DELETE = handler<Params>(async (_request, { id }) => {
  await deleteApi(id);
  return new Response(null, { status: 204 });
});
