// shadcn/ui's Alert: the banner above a form or a list (an error, or a note about what a change reaches).
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export const alertVariants = cva("mb-4 rounded-lg border px-4 py-3 text-sm", {
  variants: {
    variant: {
      destructive: "border-destructive/40 bg-destructive-muted text-destructive",
      warning: "border-warning-border bg-warning-muted text-foreground",
    },
  },
  defaultVariants: { variant: "destructive" },
});

export function Alert({ className, variant, ...props }: ComponentProps<"div"> & VariantProps<typeof alertVariants>) {
  return <div data-slot="alert" className={cn(alertVariants({ variant }), className)} {...props} />;
}
