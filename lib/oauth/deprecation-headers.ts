// The headers of a token response that grants deprecated scopes: Deprecation (RFC 9745 2.1, a
// structured-field Date "@<epoch seconds>"), Sunset (RFC 8594 3, an HTTP-date) and Link with
// rel="deprecation" (RFC 9745 3) to each replacement's documentation. Several deprecated scopes:
// the earliest dates, every distinct link.
import type { DeprecatedScope } from "@/lib/issuing";
import { dateOf } from "@/lib/time/epoch";

const earliest = (values: (number | null)[]) => {
  const known = values.filter((value): value is number => value !== null);
  return known.length > 0 ? Math.min(...known) : null;
};

/** No headers when nothing granted is deprecated. */
export function deprecationHeaders(deprecated: readonly DeprecatedScope[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const deprecatedAt = earliest(deprecated.map((scope) => scope.deprecatedAt));
  if (deprecatedAt !== null) headers.deprecation = `@${deprecatedAt}`;
  const sunsetAt = earliest(deprecated.map((scope) => scope.sunsetAt));
  // toUTCString gives the IMF-fixdate form of an HTTP-date: "Sun, 06 Nov 1994 08:49:37 GMT".
  if (sunsetAt !== null) headers.sunset = dateOf(sunsetAt).toUTCString();
  const links = [...new Set(deprecated.flatMap((scope) => scope.replacementDocumentationUrl ?? []))];
  if (links.length > 0) {
    headers.link = links.map((url) => `<${url}>; rel="deprecation"; type="text/html"`).join(", ");
  }
  return headers;
}
