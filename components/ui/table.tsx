// shadcn/ui's Table: a table that scrolls sideways inside its panel when the screen is narrower
// than its columns, so that the page itself never does.
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    // A region that may scroll is reachable by keyboard even when its rows hold no control.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll container must take focus to scroll by keys
    <div data-slot="table-container" className="relative w-full overflow-x-auto" tabIndex={0}>
      <table
        data-slot="table"
        className={cn("w-full caption-bottom border-collapse text-sm aria-busy:[&>tbody]:opacity-70", className)}
        {...props}
      />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr data-slot="table-row" className={cn("border-b transition-colors hover:bg-muted/50", className)} {...props} />
  );
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      className={cn("h-10 whitespace-nowrap px-2 text-left align-middle font-medium text-muted-foreground", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("px-2 py-2.5 align-top", className)} {...props} />;
}
