// The colour theme people choose (Light, Dark, or System: what the device prefers), kept in a
// cookie that the server reads, so that a page arrives in its theme with no script and no flash.
// The console's layout and the authorization server's pages both read it; the colours of both
// are the tokens of lib/theme.css.

export const THEME_COOKIE = "theme";
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };

/** A year: the choice outlives sessions. */
const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export const parseTheme = (value: string | null | undefined): Theme =>
  THEMES.includes(value as Theme) ? (value as Theme) : "system";

/** The theme a request's Cookie header asks for. */
export function themeOfCookieHeader(header: string | null | undefined): Theme {
  const entry = (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${THEME_COOKIE}=`));
  return parseTheme(entry?.slice(THEME_COOKIE.length + 1));
}

/** The class of the html element: none for System, which follows prefers-color-scheme. */
export const themeClass = (theme: Theme): string | undefined => (theme === "system" ? undefined : theme);

/** The Set-Cookie (or document.cookie) value that remembers a choice. Not secret, so readable by script. */
export const themeCookie = (theme: Theme) =>
  `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`;
