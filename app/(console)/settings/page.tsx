import { SettingsPage } from "@/components/settings/settings-form";

export const metadata = { title: "Settings · Scope Console" };

export default function Page() {
  return <SettingsPage />;
}
