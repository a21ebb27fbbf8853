import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SESSION_COOKIE } from "@/lib/accounts/cookies";
import { CONSOLE_ROLES } from "@/lib/accounts/roles";
import { pageSession } from "@/lib/auth/actor";
import { safeNextPath } from "@/lib/client/sign-in-path";

export const metadata = { title: "Sign in · Scope Console" };
export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  const session = await pageSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (session && CONSOLE_ROLES.has(session.role)) redirect(next);
  return <SignInForm next={next} />;
}
