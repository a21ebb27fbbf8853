import { AdminOnly } from "@/components/auth/gates";
import { UsersPage } from "@/components/users/users-page";

export const metadata = { title: "Users · Scope Console" };

export default function Page() {
  return (
    <AdminOnly title="Users" what="manage users">
      <UsersPage />
    </AdminOnly>
  );
}
