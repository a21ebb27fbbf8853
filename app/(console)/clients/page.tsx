import { ClientsPage } from "@/components/clients/clients-page";

export const metadata = { title: "Clients · Scope Console" };

export default function Page() {
  return <ClientsPage />;
}
