"use client";
// The Edit API screen: tabs "Settings" and "Scopes", the selected one kept in the URL (?tab=).
import * as Tabs from "@radix-ui/react-tabs";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ScopesTab } from "@/components/scopes/scopes-tab";
import { useApi } from "@/lib/client/apis";
import { ApiSettingsForm } from "./api-settings-form";

const TABS = ["settings", "scopes"] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

export function EditApiPage({ id }: { id: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const requested = useSearchParams().get("tab");
  const tab: Tab = isTab(requested) ? requested : "settings";
  const api = useApi(id);

  return (
    <main className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/apis">APIs</Link> <span aria-hidden="true">/</span> {api.data?.name ?? "…"}
      </nav>
      <h1>Edit API{api.data ? `: ${api.data.displayName || api.data.name}` : ""}</h1>
      {api.isPending && <p aria-busy="true">Loading the API…</p>}
      {api.isError && (
        <div role="alert" className="banner banner-error">
          {api.error.message} <Link href="/apis">Back to the APIs</Link>
        </div>
      )}
      {api.data && (
        <Tabs.Root
          value={tab}
          onValueChange={(value) => router.replace(`${pathname}?tab=${value}`, { scroll: false })}
          activationMode="manual"
        >
          <Tabs.List aria-label="API sections" className="tabs">
            <Tabs.Trigger value="settings" className="tab">
              Settings
            </Tabs.Trigger>
            <Tabs.Trigger value="scopes" className="tab">
              Scopes
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="settings">
            <ApiSettingsForm api={api.data} />
          </Tabs.Content>
          <Tabs.Content value="scopes">
            <ScopesTab apiId={id} />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </main>
  );
}
