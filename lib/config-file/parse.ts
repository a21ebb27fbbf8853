// Reads a configuration document from a request: YAML (JSON is YAML too) up to a size that holds
// a large catalogue, validated by the document's schema; each bad field is named by its path in
// the document (`apis[2].scopes[0].name`).
import { parse, YAMLParseError } from "yaml";
import { refuseUnstorable, unstorableFields } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { type ConfigDocument, ZConfigDocument } from "./schema";

/** A document of thousands of scopes and clients fits. */
export const MAX_CONFIG_BODY_BYTES = 8 * 1024 * 1024;
const MEDIA_TYPES = /^(application\/((.+\+)?json|yaml|x-yaml)|text\/(yaml|x-yaml))\b/i;

/** ["apis", 2, "scopes", 0, "name"] -> "apis[2].scopes[0].name". */
export const documentPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );

/** Deeper than any configuration: a document nested further is refused before it is parsed. */
export const MAX_DOCUMENT_DEPTH = 64;

/** How deep the flow collections ([ and {) of a text nest, outside quoted strings: a cheap bound. */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

/** `json`: the text is JSON (its media type said so); else YAML, of which JSON is a part. */
export function parseConfigText(text: string, json = false): ConfigDocument {
  let body: unknown;
  try {
    if (flowDepth(text) > MAX_DOCUMENT_DEPTH) throw new RangeError("too deep");
    body = json ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : "";
    if (error instanceof RangeError) {
      throw new AppError("BAD_REQUEST", `The document nests deeper than ${MAX_DOCUMENT_DEPTH} levels.`);
    }
    throw new AppError("BAD_REQUEST", `The document is not valid YAML or JSON${where}.`);
  }
  if (body === null || body === undefined) throw new AppError("BAD_REQUEST", "The document is empty.");
  refuseUnstorable(unstorableFields(body));
  const parsed = ZConfigDocument.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = documentPath(issue.path) || "_";
    fields[key] ??= [];
    fields[key].push(issue.message);
  }
  const [first] = Object.entries(fields);
  throw new AppError("BAD_REQUEST", `The document is not valid: ${first[0]}: ${first[1][0]}`, fields);
}

export async function parseConfigDocument(request: Request): Promise<ConfigDocument> {
  const type = request.headers.get("content-type") ?? "";
  if (!MEDIA_TYPES.test(type)) {
    throw new AppError("BAD_REQUEST", "Send the document as application/yaml or application/json.");
  }
  const text = await readBodyText(
    request,
    MAX_CONFIG_BODY_BYTES,
    () => new AppError("PAYLOAD_TOO_LARGE", "The document is too large."),
  );
  return parseConfigText(text, /json\b/i.test(type));
}
