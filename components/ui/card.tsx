// shadcn/ui's Card: the panels of every page, and the sign-in card (whose look the authorization
// server's pages repeat in lib/oauth/pages.tsx, from the same tokens).
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A section: with an aria-label it is a named region ("APIs list"), without one a plain box. */
export function Card({ className, ...props }: ComponentProps<"section">) {
  return (
    <section
      data-slot="card"
      className={cn("min-w-0 rounded-xl border bg-card p-4 text-card-foreground shadow-xs sm:p-6", className)}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="card-header" className={cn("mb-4 grid gap-1.5", className)} {...props} />;
}

export function CardTitle({ className, ...props }: ComponentProps<"h1">) {
  return <h1 data-slot="card-title" className={cn("font-semibold text-xl leading-tight", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p data-slot="card-description" className={cn("text-muted-foreground text-sm", className)} {...props} />;
}
