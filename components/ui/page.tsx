// The frame of every page: its main landmark (the skip link's target) and its header, in one pattern:
// the title (sentence case, as in the navigation), an optional line below it, the actions on the right.
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

/** Where "Skip to content" leads. */
export const MAIN_CONTENT_ID = "main-content";

export function Page({ className, narrow = false, ...props }: ComponentProps<"main"> & { narrow?: boolean }) {
  return (
    <main
      id={MAIN_CONTENT_ID}
      tabIndex={-1}
      className={cn(
        "mx-auto w-full min-w-0 px-4 pt-6 pb-16 outline-none sm:px-6 lg:px-8",
        narrow ? "max-w-md" : "max-w-7xl",
        className,
      )}
      {...props}
    />
  );
}

interface PageHeaderProps {
  title: ReactNode;
  /** A line of explanation under the title. */
  description?: ReactNode;
  /** The page's own actions ("Add API"), on the right; below the title on phones. */
  actions?: ReactNode;
  /** Above the title, such as a breadcrumb. */
  before?: ReactNode;
}

export function PageHeader({ title, description, actions, before }: PageHeaderProps) {
  return (
    <div className="mb-6 grid gap-2">
      {before}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="min-w-0 break-words font-semibold text-2xl tracking-tight">{title}</h1>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {description && <p className="max-w-3xl text-muted-foreground text-sm">{description}</p>}
    </div>
  );
}
