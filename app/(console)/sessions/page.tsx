import { SessionsPage } from "@/components/sessions/sessions-page";

export const metadata = { title: "Sessions · Scope Console" };

export default function Page() {
  return <SessionsPage />;
}
