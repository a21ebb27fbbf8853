// shadcn/ui's Label: the one label style of every field (a plain <label>, so htmlFor links it).
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export const labelClasses = "font-medium text-sm leading-none";

export function Label({ className, ...props }: ComponentProps<"label">) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers give htmlFor or wrap the control
  return <label data-slot="label" className={cn(labelClasses, className)} {...props} />;
}
