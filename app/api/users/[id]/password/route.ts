import { handler, json, parseJson } from "@/lib/api/route";
import { resetPassword } from "@/lib/users/reset-password";
import { ZResetPasswordRequest } from "@/lib/users/schemas";

/** An admin resets a user's password. */
export const PUT = handler<{ id: string }>(async (request, { id }, actor) =>
  json(await resetPassword(actor, id, await parseJson(request, ZResetPasswordRequest))),
);
