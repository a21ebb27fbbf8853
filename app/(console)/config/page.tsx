import { AdminOnly } from "@/components/auth/gates";
import { ConfigPage } from "@/components/config/config-page";

export const metadata = { title: "Import / export · Scope Console" };

export default function Page() {
  return (
    <AdminOnly title="Import / export" what="export or apply the configuration">
      <ConfigPage />
    </AdminOnly>
  );
}
