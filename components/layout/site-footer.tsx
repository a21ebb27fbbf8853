// The console's footer, under every page of a signed-in console user: what is for people who script
// the console rather than use its pages (the main navigation has no room left at 1280 px).
import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="border-t">
      <nav aria-label="Footer" className="mx-auto max-w-7xl px-4 py-4 sm:px-6 lg:px-8">
        <ul className="flex flex-wrap gap-x-6 gap-y-2 text-muted-foreground text-sm">
          <li>
            <Link href="/api-reference">API reference</Link>
          </li>
          <li>
            <a href="/api/openapi.json">OpenAPI document</a>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
