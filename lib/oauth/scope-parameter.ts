import { OAuthError } from "@/lib/oauth/errors";
import { SCOPE_TOKEN } from "@/lib/validation";

/** The scope parameter: scope tokens separated by single spaces (RFC 6749 section 3.3). */
export function parseScopeParameter(scope: string | null | undefined): string[] {
  if (!scope) return [];
  const names = scope.split(" ");
  if (names.some((name) => !SCOPE_TOKEN.test(name))) {
    throw new OAuthError("invalid_scope", "The scope parameter is malformed.");
  }
  return names;
}
