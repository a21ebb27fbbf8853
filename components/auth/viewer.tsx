"use client";
// Who is signed in, for showing only the actions their role allows. The server decides anyway.
import { createContext, type ReactNode, useContext } from "react";
import type { Viewer } from "@/lib/accounts/roles";

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside the console layout");
  return viewer;
}

export const useIsAdmin = () => useViewer().role === "admin";

const LIFETIME_ADMIN_ONLY = "Only an admin can change token lifetimes.";

/**
 * Lifetime fields: a service owner sees them read-only (still sent back unchanged, which the server
 * accepts), with a hint saying why.
 */
export function useLifetimeLock() {
  const admin = useIsAdmin();
  return {
    /** Props of the lifetime input. */
    input: { readOnly: !admin, autoComplete: "off" },
    hint: (hint?: string | null) => (admin ? hint : [hint, LIFETIME_ADMIN_ONLY].filter(Boolean).join(" ")),
  };
}
