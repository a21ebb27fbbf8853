"use client";
// The Deprecations screen: every deprecated scope (a service owner sees their APIs' only), when
// it retires, what replaces it, and the clients that still requested it lately, so that owners
// know whom to chase before the sunset.
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { useDeprecations } from "@/lib/client/usage";
import type { DeprecationDto } from "@/lib/usage/schemas";
import { DEPRECATION_CLIENT_DAYS } from "@/lib/usage/settings";

export function DeprecationsPage() {
  const deprecations = useDeprecations();
  const items = deprecations.data?.items;
  return (
    <main className="page">
      <div className="page-header">
        <h1>Deprecations</h1>
      </div>
      <p className="dialog-description">
        Deprecated scopes are still granted until their sunset, then retired. Clients listed requested a scope in the
        last {DEPRECATION_CLIENT_DAYS} days.
      </p>
      <section className="panel" aria-label="Deprecated scopes">
        {deprecations.isError && (
          <p role="alert" className="banner banner-error">
            {deprecations.error.message}
          </p>
        )}
        {deprecations.isPending && <p aria-live="polite">Loading deprecations…</p>}
        {items?.length === 0 && <p>No scope is deprecated.</p>}
        {items && items.length > 0 && (
          <table className="table" aria-label="Deprecated scopes">
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">API</th>
                <th scope="col">Sunset</th>
                <th scope="col">Days left</th>
                <th scope="col">Replacement</th>
                <th scope="col">Still requested by</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <DeprecationRow key={item.scopeId} item={item} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function DeprecationRow({ item }: { item: DeprecationDto }) {
  return (
    <tr>
      <td>
        <span className="mono">{item.name}</span>
        {item.displayName && <div className="muted">{item.displayName}</div>}
        {item.deprecationNote && <div className="description">{item.deprecationNote}</div>}
      </td>
      <td>
        <Link href={`/apis/${item.apiId}`}>{item.apiName}</Link>
      </td>
      <td>
        <DateTime value={item.sunsetAt} never="No sunset" />
      </td>
      <td>{item.daysLeft ?? "—"}</td>
      <td className="mono">{item.replacedBy ?? "—"}</td>
      <td>
        {item.clients.length === 0 ? (
          "No client"
        ) : (
          <ul className="plain-list">
            {item.clients.map((client) => (
              <li key={client.clientId}>
                {client.name} <span className="mono muted">{client.clientId}</span>, last{" "}
                <DateTime value={client.lastRequestedAt} /> ({client.tokensIssued} tokens)
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
