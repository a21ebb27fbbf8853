import { handler, json, parseJson, publicHandler } from "@/lib/api/route";
import { signInToConsole, signOutOfConsole } from "@/lib/auth/console-sign-in";
import { ZSignInRequest } from "@/lib/auth/schemas";

/** Who is signed in. */
export const GET = handler(async (_request, _params, { sessionId: _sessionId, ...viewer }) => json(viewer));

/** Sign in: the only console handler open without a session. */
export const POST = publicHandler(async (request) => {
  const { user, setCookie } = await signInToConsole(request, await parseJson(request, ZSignInRequest));
  const response = json(user);
  response.headers.append("set-cookie", setCookie);
  return response;
});

/** Sign out: the session row is deleted, so the cookie is worthless even if kept. */
export const DELETE = publicHandler(async (request) => {
  const response = new Response(null, { status: 204 });
  response.headers.append("set-cookie", await signOutOfConsole(request));
  return response;
});
