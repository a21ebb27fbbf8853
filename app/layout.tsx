import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { MAIN_CONTENT_ID } from "@/components/ui/page";
import { parseTheme, THEME_COOKIE, themeClass } from "@/lib/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Scope Console",
  description: "Manage the OAuth 2.0 scopes of your APIs.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The theme cookie is read here, so that the page arrives in the chosen theme (the html element's
 * class) without a script; with none, the page follows prefers-color-scheme (lib/theme.css).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body>
        <a
          href={`#${MAIN_CONTENT_ID}`}
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[200] focus:rounded-md focus:bg-card focus:px-4 focus:py-2 focus:shadow-lg"
        >
          Skip to content
        </a>
        <Providers theme={theme}>{children}</Providers>
      </body>
    </html>
  );
}
