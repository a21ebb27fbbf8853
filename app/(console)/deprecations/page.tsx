import { DeprecationsPage } from "@/components/deprecations/deprecations-page";

export const metadata = { title: "Deprecations · Scope Console" };

export default function Page() {
  return <DeprecationsPage />;
}
