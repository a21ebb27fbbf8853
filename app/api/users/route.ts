import { handler, json, parseJson, parseQuery } from "@/lib/api/route";
import { addUser } from "@/lib/users/add-user";
import { listUsers } from "@/lib/users/list-users";
import { ZCreateUserRequest, ZListUsersQuery } from "@/lib/users/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await listUsers(actor, parseQuery(request, ZListUsersQuery))),
);

export const POST = handler(async (request, _params, actor) =>
  json(await addUser(actor, await parseJson(request, ZCreateUserRequest)), 201),
);
