// The one reader of request bodies: the console's JSON API, the OAuth endpoints' forms and the
// authorization pages' forms all read through it. It stops at the limit whatever the framing: a
// Content-Length above it is refused before a byte is read, and a body without one (chunked) is
// read chunk by chunk only until it passes the limit, so that no request can make the process hold
// more than the limit of it.

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/** The body as UTF-8 text; past `maxBytes`, the caller's error (a BodyTooLargeError by default). */
export async function readBodyText(
  request: Request,
  maxBytes: number,
  tooLarge: () => Error = () => new BodyTooLargeError(maxBytes),
): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!(Number(declared) <= maxBytes)) throw tooLarge();
    // HTTP's framing holds a body to its Content-Length, so reading it whole stays within the limit;
    // and text() lets Hono's adapter skip building a web stream (the token endpoint's hot path).
    const text = await request.text();
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
    return text;
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // The rest stays unread: the sender learns of the refusal while it still sends.
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
