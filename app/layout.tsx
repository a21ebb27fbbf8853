import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Scope Console",
  description: "Manage the OAuth 2.0 scopes of your APIs.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/apis" className="brand">
            Scope Console
          </Link>
          <nav aria-label="Main">
            <Link href="/apis">APIs</Link>
            <Link href="/clients">Clients</Link>
            <Link href="/token-preview">Token preview</Link>
            <Link href="/settings">Settings</Link>
          </nav>
        </header>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
