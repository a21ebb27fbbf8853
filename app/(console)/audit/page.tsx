import { AuditLogPage } from "@/components/audit/audit-log-page";

export const metadata = { title: "Audit log · Scope Console" };

export default function Page() {
  return <AuditLogPage />;
}
