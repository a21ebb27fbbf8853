"use client";
// The Deprecations screen: every deprecated scope (a service owner sees their APIs' only), when
// it retires, what replaces it, and the clients that still requested it lately, so that owners
// know whom to chase before the sunset.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Page, PageHeader } from "@/components/ui/page";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDeprecations } from "@/lib/client/usage";
import type { DeprecationDto } from "@/lib/usage/schemas";
import { DEPRECATION_CLIENT_DAYS } from "@/lib/usage/settings";

export function DeprecationsPage() {
  const deprecations = useDeprecations();
  const items = deprecations.data?.items;
  return (
    <Page>
      <PageHeader
        title="Deprecations"
        description={`Deprecated scopes are still granted until their sunset, then retired. Clients listed requested a scope in the last ${DEPRECATION_CLIENT_DAYS} days.`}
      />
      <Card aria-label="Deprecated scopes">
        {deprecations.isError && <Alert role="alert">{deprecations.error.message}</Alert>}
        {deprecations.isPending && <p aria-live="polite">Loading deprecations…</p>}
        {items?.length === 0 && <p>No scope is deprecated.</p>}
        {items && items.length > 0 && (
          <Table aria-label="Deprecated scopes">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Scope</TableHead>
                <TableHead scope="col">API</TableHead>
                <TableHead scope="col">Sunset</TableHead>
                <TableHead scope="col">Days left</TableHead>
                <TableHead scope="col">Replacement</TableHead>
                <TableHead scope="col">Still requested by</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <DeprecationRow key={item.scopeId} item={item} />
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </Page>
  );
}

function DeprecationRow({ item }: { item: DeprecationDto }) {
  return (
    <TableRow>
      <TableCell>
        <span className="font-mono">{item.name}</span>
        {item.displayName && <div className="text-muted-foreground">{item.displayName}</div>}
        {item.deprecationNote && <div className="max-w-sm text-muted-foreground">{item.deprecationNote}</div>}
      </TableCell>
      <TableCell>
        <Link href={`/apis/${item.apiId}`}>{item.apiName}</Link>
      </TableCell>
      <TableCell>
        <DateTime value={item.sunsetAt} never="No sunset" />
      </TableCell>
      <TableCell>{item.daysLeft ?? "—"}</TableCell>
      <TableCell className="font-mono">{item.replacedBy ?? "—"}</TableCell>
      <TableCell>
        {item.clients.length === 0 ? (
          "No client"
        ) : (
          <ul className="m-0 grid list-none gap-1 p-0">
            {item.clients.map((client) => (
              <li key={client.clientId}>
                {client.name} <span className="font-mono text-muted-foreground">{client.clientId}</span>, last{" "}
                <DateTime value={client.lastRequestedAt} /> ({client.tokensIssued} tokens)
              </li>
            ))}
          </ul>
        )}
      </TableCell>
    </TableRow>
  );
}
