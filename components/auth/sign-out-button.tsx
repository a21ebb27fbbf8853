"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson, leaveForSignIn } from "@/lib/client/fetch-json";

/** Ends the session on the server, then leaves for the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await leaveForSignIn("/sign-in", fetchJson("/api/session", { method: "DELETE" }));
      }}
    >
      Sign out
    </Button>
  );
}
