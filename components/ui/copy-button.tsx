"use client";
// A button that copies a value (a client ID, a one-time secret) to the clipboard and says so.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** How long the button reads "Copied" after a copy. */
export const COPIED_MS = 2000;

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button
        variant="outline"
        aria-label={label}
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: select the text and copy it." : ""}
      </span>
    </>
  );
}
