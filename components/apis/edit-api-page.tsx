"use client";
// The Edit API screen: tabs "Settings" and "Scopes", the selected one kept in the URL (?tab=).
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ScopesTab } from "@/components/scopes/scopes-tab";
import { Alert } from "@/components/ui/alert";
import { Page, PageHeader } from "@/components/ui/page";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
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
    <Page>
      <PageHeader
        before={
          <nav aria-label="Breadcrumb" className="text-muted-foreground text-sm">
            <Link href="/apis">APIs</Link> <span aria-hidden="true">/</span> {api.data?.name ?? "…"}
          </nav>
        }
        title={`Edit API${api.data ? `: ${api.data.displayName || api.data.name}` : ""}`}
      />
      {api.isPending && <p aria-busy="true">Loading the API…</p>}
      {api.isError && (
        <Alert role="alert">
          {api.error.message} <Link href="/apis">Back to the APIs</Link>
        </Alert>
      )}
      {api.data?.builtIn && (
        <Alert>
          This is the console's own API. Machines call the console's admin API with access tokens of its scopes, which a
          client gets through client_credentials: <span className="font-mono">console:read</span> to read,{" "}
          <span className="font-mono">console:write</span> to change. It is never deleted and has no service owners; its
          scopes are fixed, and only their texts and lifetimes can change.
        </Alert>
      )}
      {api.data && (
        <Tabs
          value={tab}
          onValueChange={(value) => router.replace(`${pathname}?tab=${value}`, { scroll: false })}
          activationMode="manual"
        >
          <TabsList aria-label="API sections">
            <TabsTrigger value="settings">Settings</TabsTrigger>
            <TabsTrigger value="scopes">Scopes</TabsTrigger>
          </TabsList>
          <TabsContent value="settings">
            <ApiSettingsForm api={api.data} />
          </TabsContent>
          <TabsContent value="scopes">
            <ScopesTab apiId={id} builtIn={api.data.builtIn} />
          </TabsContent>
        </Tabs>
      )}
    </Page>
  );
}
