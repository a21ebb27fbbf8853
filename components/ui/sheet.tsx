"use client";
// shadcn/ui's Sheet on Radix's Dialog: a panel that slides over the page from its side edge
// (the navigation on phones).
import * as SheetPrimitive from "@radix-ui/react-dialog";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

export const Sheet = SheetPrimitive.Root;
export const SheetTrigger = SheetPrimitive.Trigger;
export const SheetClose = SheetPrimitive.Close;

export function SheetContent({
  className,
  title,
  children,
  ...props
}: ComponentProps<typeof SheetPrimitive.Content> & { title: string; children: ReactNode }) {
  return (
    <SheetPrimitive.Portal>
      <SheetPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50" />
      <SheetPrimitive.Content
        aria-describedby={undefined}
        className={cn(
          "fixed inset-y-0 right-0 z-50 flex h-full w-4/5 max-w-xs flex-col gap-4 overflow-y-auto border-l bg-card p-4 text-card-foreground shadow-lg outline-none",
          className,
        )}
        {...props}
      >
        <SheetPrimitive.Title className="font-semibold text-base">{title}</SheetPrimitive.Title>
        {children}
      </SheetPrimitive.Content>
    </SheetPrimitive.Portal>
  );
}
