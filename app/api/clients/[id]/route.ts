import { deleteClient } from "@/lib/clients/delete-client";
import { getClient } from "@/lib/clients/get-client";
import { ZUpdateClientRequest } from "@/lib/clients/schemas";
import { updateClient } from "@/lib/clients/update-client";
import { handler, json, parseJson } from "@/lib/http/route";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }) => json(await getClient(id)));

export const PATCH = handler<Params>(async (request, { id }) =>
  json(await updateClient(id, await parseJson(request, ZUpdateClientRequest))),
);

export const DELETE = handler<Params>(async (_request, { id }) => {
  await deleteClient(id);
  return new Response(null, { status: 204 });
});
