import { ApisPage } from "@/components/apis/apis-page";

export const metadata = { title: "APIs · Scope Console" };

export default function Page() {
  return <ApisPage />;
}
