// Every console page sits behind this layout: nothing of a page renders without a signed-in
// console user. The data itself comes from the JSON API, whose handlers check again.
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { NoConsoleAccess, SignInRedirect } from "@/components/auth/gates";
import { ViewerProvider } from "@/components/auth/viewer";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { SESSION_COOKIE } from "@/lib/accounts/cookies";
import { CONSOLE_ROLES, ROLE_LABELS, type Viewer } from "@/lib/accounts/roles";
import { pageSession } from "@/lib/auth/actor";

/** Sessions are per request: never prerender. */
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await pageSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) return <SignInRedirect />;
  if (!CONSOLE_ROLES.has(session.role)) return <NoConsoleAccess email={session.email} />;
  const viewer: Viewer = {
    kind: "user",
    id: session.userId,
    email: session.email,
    role: session.role,
    apiIds: session.apiIds,
  };
  const admin = viewer.role === "admin";
  return (
    <ViewerProvider viewer={viewer}>
      {/* The footer stays at the bottom of the window on a short page. */}
      <div className="flex min-h-dvh flex-col">
        <SiteHeader who={`${viewer.email} (${ROLE_LABELS[viewer.role]})`} admin={admin} />
        <div className="flex-1">{children}</div>
        <SiteFooter />
      </div>
    </ViewerProvider>
  );
}
