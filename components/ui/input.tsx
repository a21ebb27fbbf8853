// shadcn/ui's Input, Textarea and NativeSelect: every text field, date field and select of the
// console has one height, border, radius and focus ring (controlClasses), so they line up in a row.
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

const controlClasses =
  "w-full min-w-0 rounded-md border border-input bg-card px-3 text-foreground text-sm shadow-xs transition-colors placeholder:text-muted-foreground focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-ring/40 focus-visible:outline-offset-0 disabled:cursor-not-allowed disabled:opacity-60 read-only:bg-muted read-only:text-muted-foreground aria-invalid:border-destructive";

/** The one height of single-line controls. */
const controlHeight = "h-9";

export function Input({ className, type, ...props }: ComponentProps<"input">) {
  return (
    <input type={type} data-slot="input" className={cn(controlClasses, controlHeight, "py-1", className)} {...props} />
  );
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea data-slot="textarea" className={cn(controlClasses, "min-h-16 py-2", className)} {...props} />;
}

/** A native select (keyboard, screen readers and phones handle it as they know best), styled as the inputs. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      data-slot="native-select"
      className={cn(controlClasses, controlHeight, "cursor-pointer pr-1 read-only:bg-card", className)}
      {...props}
    />
  );
}
