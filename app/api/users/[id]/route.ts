import { handler, json, parseJson } from "@/lib/api/route";
import { ZUpdateUserRequest } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

/** Role, APIs, or disabling the account. */
export const PATCH = handler<{ id: string }>(async (request, { id }, actor) =>
  json(await updateUser(actor, id, await parseJson(request, ZUpdateUserRequest))),
);
