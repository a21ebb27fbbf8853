import { handler, json, parseJson } from "@/lib/api/route";
import { previewToken } from "@/lib/token-preview/preview-token";
import { ZTokenPreviewRequest } from "@/lib/token-preview/schemas";

/** What a token would be; nothing is written (so console:read may ask). */
export const POST = handler(
  async (request, _params, actor) => json(await previewToken(actor, await parseJson(request, ZTokenPreviewRequest))),
  { access: "read" },
);
