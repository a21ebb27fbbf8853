// What tests read from the authorization server's pages and give it: a hidden form field (as the
// browser would post it back), a page's text with its entities decoded, and a PKCE pair.
import { createHash, randomBytes } from "node:crypto";

export const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** The value of a page's hidden field, its HTML entities decoded. */
export function hidden(page: string, name: string): string {
  const match = page.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`));
  if (!match) throw new Error(`No hidden field ${name} in:\n${page}`);
  return decodeEntities(match[1]);
}

/** A code verifier and its S256 challenge (RFC 7636). */
export const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};
