import { UsersPage } from "@/components/users/users-page";

export const metadata = { title: "Users · Scope Console" };

export default function Page() {
  return <UsersPage />;
}
