// The field guidelines of the console's source document. They are advice shown as hints
// beside the fields, never errors: a scope named "Read:All" is valid OAuth, just unidiomatic.

const SNAKE_CASE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
/** Short words that stay lowercase inside a title ("Read Access to Invoices"). */
const MINOR_WORDS = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "by",
  "for",
  "in",
  "of",
  "on",
  "or",
  "the",
  "to",
  "via",
  "with",
]);

export function scopeNameHint(name: string): string | null {
  const value = name.trim();
  if (!value || SNAKE_CASE.test(value)) return null;
  return "Tip: use lowercase with underscores for spaces, for example read_user_data.";
}

export function displayNameHint(displayName: string): string | null {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const uncapitalized = words.some((word, index) => /^[a-z]/.test(word) && (index === 0 || !MINOR_WORDS.has(word)));
  return uncapitalized ? "Tip: use proper capitalization, for example Read User Data." : null;
}
