import { handler, json, noContent, parseJson } from "@/lib/api/route";
import { deleteClient } from "@/lib/clients/delete-client";
import { getClient } from "@/lib/clients/get-client";
import { ZUpdateClientRequest } from "@/lib/clients/schemas";
import { updateClient } from "@/lib/clients/update-client";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }, actor) => json(await getClient(actor, id)));

export const PATCH = handler<Params>(async (request, { id }, actor) =>
  json(await updateClient(actor, id, await parseJson(request, ZUpdateClientRequest))),
);

export const DELETE = handler<Params>(async (_request, { id }, actor) => {
  await deleteClient(actor, id);
  return noContent();
});
