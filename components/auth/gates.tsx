"use client";
// What the console shows instead of a page when nobody (or an account without console access) is
// signed in: no page content is rendered, so none can leak.
import { type ReactNode, useEffect } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { useIsAdmin } from "@/components/auth/viewer";
import { Page, PageHeader } from "@/components/ui/page";
import { signInPath } from "@/lib/client/sign-in-path";

export function SignInRedirect() {
  useEffect(() => {
    window.location.replace(signInPath(window.location.pathname + window.location.search));
  }, []);
  return (
    <Page>
      <p>
        <a href="/sign-in">Sign in</a> to use Scope Console.
      </p>
    </Page>
  );
}

export function NoConsoleAccess({ email }: { email: string }) {
  return (
    <Page narrow>
      <PageHeader title="No access to the console" />
      <p role="alert" className="mb-4">
        You are signed in as {email}. This account can only sign in to applications; ask an admin for access to the
        console.
      </p>
      <SignOutButton />
    </Page>
  );
}

/**
 * An admin-only page (users, the audit log): anyone else sees why, not its buttons and a failing
 * table. The API refuses them anyway.
 */
export function AdminOnly({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  if (useIsAdmin()) return children;
  return (
    <Page narrow>
      <PageHeader title={title} />
      <p role="alert">Only an admin can {what}.</p>
    </Page>
  );
}
