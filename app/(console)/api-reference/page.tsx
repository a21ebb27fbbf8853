import { ApiReferencePage } from "@/components/api-reference/api-reference-page";

export const metadata = { title: "API reference · Scope Console" };

export default function Page() {
  return <ApiReferencePage />;
}
