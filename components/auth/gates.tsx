"use client";
// What the console shows instead of a page when nobody (or an account without console access) is
// signed in: no page content is rendered, so none can leak.
import { useEffect } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { signInPath } from "@/lib/client/sign-in-path";

export function SignInRedirect() {
  useEffect(() => {
    window.location.replace(signInPath(window.location.pathname + window.location.search));
  }, []);
  return (
    <main className="page">
      <p>
        <a href="/sign-in">Sign in</a> to use Scope Console.
      </p>
    </main>
  );
}

export function NoConsoleAccess({ email }: { email: string }) {
  return (
    <main className="page narrow">
      <h1>No access to the console</h1>
      <p role="alert">
        You are signed in as {email}. This account can only sign in to applications; ask an admin for access to the
        console.
      </p>
      <SignOutButton />
    </main>
  );
}
