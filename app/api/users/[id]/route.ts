import { handler, json, parseJson } from "@/lib/api/route";
import { getUser } from "@/lib/users/get-user";
import { ZUpdateUserRequest } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }, actor) => json(await getUser(actor, id)));

/** Role, APIs, or disabling the account. */
export const PATCH = handler<Params>(async (request, { id }, actor) =>
  json(await updateUser(actor, id, await parseJson(request, ZUpdateUserRequest))),
);
