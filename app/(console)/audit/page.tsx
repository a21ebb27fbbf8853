import { AuditLogPage } from "@/components/audit/audit-log-page";

import { AdminOnly } from "@/components/auth/gates";

export const metadata = { title: "Audit log · Scope Console" };

export default function Page() {
  return (
    <AdminOnly title="Audit log" what="read the audit log">
      <AuditLogPage />
    </AdminOnly>
  );
}
