"use client";
// The console's header: the brand, the main navigation (the current page marked), the theme, who
// is signed in. Below the large breakpoint the navigation folds into a "Menu" button that opens it
// in a sheet.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTrigger } from "@/components/ui/sheet";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { cn } from "@/lib/utils";

const NAV_ITEMS = [
  { href: "/apis", label: "APIs" },
  { href: "/clients", label: "Clients" },
  { href: "/deprecations", label: "Deprecations" },
  { href: "/token-preview", label: "Token preview" },
  // Changing the service settings is an admin's; an owner sees the lifetimes they inherit in the hints.
  { href: "/settings", label: "Settings", adminOnly: true },
  { href: "/users", label: "Users", adminOnly: true },
  { href: "/audit", label: "Audit log", adminOnly: true },
  { href: "/config", label: "Import / export", adminOnly: true },
] as const;

const isCurrent = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

function MainNav({
  admin,
  vertical = false,
  onNavigate,
}: {
  admin: boolean;
  vertical?: boolean;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className={cn("flex gap-1", vertical && "flex-col")}>
        {NAV_ITEMS.filter((item) => admin || !("adminOnly" in item)).map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(pathname, item.href) ? "page" : undefined}
              onClick={onNavigate}
              className="block whitespace-nowrap rounded-md px-3 py-2 font-medium text-muted-foreground text-sm no-underline hover:bg-accent hover:text-foreground hover:no-underline aria-[current=page]:bg-accent aria-[current=page]:text-foreground"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The signed-in person's own page: their sessions. */
function SessionsLink({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <Link
      href="/sessions"
      aria-current={isCurrent(pathname, "/sessions") ? "page" : undefined}
      onClick={onNavigate}
      className="block whitespace-nowrap rounded-md px-3 py-2 font-medium text-muted-foreground text-sm no-underline hover:bg-accent hover:text-foreground hover:no-underline aria-[current=page]:bg-accent aria-[current=page]:text-foreground"
    >
      Sessions
    </Link>
  );
}

export function SiteHeader({ who, admin }: { who: string; admin: boolean }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className="sticky top-0 z-40 border-b bg-card">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6 lg:px-8">
        <Brand />
        <div className="hidden lg:block">
          <MainNav admin={admin} />
        </div>
        <div className="ml-auto flex items-center gap-3">
          <ThemeSwitch />
          <span className="hidden max-w-64 truncate text-muted-foreground text-sm 2xl:inline" title={who}>
            {who}
          </span>
          <div className="hidden items-center gap-1 lg:flex">
            <SessionsLink />
            <SignOutButton />
          </div>
          <Sheet open={menuOpen} onOpenChange={setMenuOpen}>
            <SheetTrigger asChild>
              <Button variant="outline" size="icon" aria-label="Menu" className="lg:hidden">
                <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                  <path d="M4 6h16M4 12h16M4 18h16" strokeLinecap="round" />
                </svg>
              </Button>
            </SheetTrigger>
            <SheetContent title="Menu">
              <MainNav admin={admin} vertical onNavigate={() => setMenuOpen(false)} />
              <div className="mt-auto grid gap-3 border-t pt-4">
                <span className="break-words text-muted-foreground text-sm">{who}</span>
                <SessionsLink onNavigate={() => setMenuOpen(false)} />
                <SignOutButton />
              </div>
            </SheetContent>
          </Sheet>
        </div>
      </div>
    </header>
  );
}

/** The console's name and mark, linking to the APIs. */
export function Brand() {
  return (
    <Link
      href="/apis"
      className="flex shrink-0 items-center gap-2 font-semibold text-foreground no-underline hover:no-underline"
    >
      <svg viewBox="0 0 32 32" className="size-6" aria-hidden="true">
        <rect width="32" height="32" rx="7" className="fill-primary" />
        <path
          d="M10 12.5c0-2 1.8-3.5 4.5-3.5h5.5M22 19.5c0 2-1.8 3.5-4.5 3.5H12M11 16h10"
          className="stroke-primary-foreground"
          strokeWidth="2.4"
          strokeLinecap="round"
          fill="none"
        />
      </svg>
      Scope Console
    </Link>
  );
}
