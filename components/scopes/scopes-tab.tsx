"use client";
// The Scopes tab: the API's scopes, paged, searched and sorted on the server.
import { useState } from "react";
import {
  SearchBox,
  SortableHeader,
  TablePager,
  TableStates,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { inheritHint } from "@/components/ui/lifetime";
import { useApi } from "@/lib/client/apis";
import { useDeleteScope, useScopes } from "@/lib/client/scopes";
import { useSettings } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { type InheritedLifetimes, ScopeDialog } from "./scope-dialog";

const COLUMNS = 7;
const yesNo = (value: boolean) => (value ? "Yes" : "No");

export function ScopesTab({ apiId }: { apiId: string }) {
  const list = useListState("name");
  const scopes = useScopes(apiId, list.params);
  const [editing, setEditing] = useState<{ scope: ScopeDto | null } | null>(null);
  const [deleting, setDeleting] = useState<ScopeDto | null>(null);
  const data = scopes.data;
  useClampedPage(data, list.setPage);
  const inherited = useInheritedLifetimes(apiId);

  return (
    <section aria-label="Scopes" className="panel">
      <div className="toolbar">
        <SearchBox label="Search scopes" value={list.search} onChange={list.setSearch} />
      </div>
      <table className="table" aria-busy={scopes.isFetching} aria-label="API scopes">
        <thead>
          <tr>
            <SortableHeader label="Name" field="name" sort={list.params.sort} onSort={list.toggleSort} />
            <SortableHeader label="Display Name" field="displayName" sort={list.params.sort} onSort={list.toggleSort} />
            <SortableHeader label="Description" field="description" sort={list.params.sort} onSort={list.toggleSort} />
            <SortableHeader label="Required" field="required" sort={list.params.sort} onSort={list.toggleSort} />
            <SortableHeader label="Emphasize" field="emphasize" sort={list.params.sort} onSort={list.toggleSort} />
            <SortableHeader
              label="Discovery"
              field="showInDiscoveryDocument"
              sort={list.params.sort}
              onSort={list.toggleSort}
            />
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          <TableStates
            query={scopes}
            columns={COLUMNS}
            noun="scopes"
            emptyText="This API has no scopes yet. Add the first one."
            q={list.params.q}
          />
          {data?.items.map((scope) => (
            <tr key={scope.id}>
              <td className="mono">{scope.name}</td>
              <td>{scope.displayName}</td>
              <td className="description">{scope.description}</td>
              <td>{yesNo(scope.required)}</td>
              <td>{yesNo(scope.emphasize)}</td>
              <td>{yesNo(scope.showInDiscoveryDocument)}</td>
              <td className="actions">
                <div className="row-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing({ scope })}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => setDeleting(scope)}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-footer">
        <TablePager label="Scopes pages" data={data} list={list} />
        <button type="button" className="button button-primary" onClick={() => setEditing({ scope: null })}>
          Add Scope
        </button>
      </div>
      <ScopeDialog
        apiId={apiId}
        scope={editing?.scope ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        inherited={inherited}
      />
      <DeleteScopeDialog apiId={apiId} scope={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}

/** What a scope's blank lifetime fields inherit: the API's defaults, else the service's. */
function useInheritedLifetimes(apiId: string): InheritedLifetimes | null {
  const api = useApi(apiId).data;
  const settings = useSettings().data;
  if (!api || !settings) return null;
  return {
    access:
      api.accessTokenLifetime !== null
        ? inheritHint(api.accessTokenLifetime, "the API")
        : inheritHint(settings.accessTokenLifetime, "the service"),
    refresh:
      api.refreshTokenLifetime !== null
        ? inheritHint(api.refreshTokenLifetime, "the API")
        : `${inheritHint(settings.refreshTokenLifetime, "the service")} With offline_access: ${formatDuration(settings.offlineRefreshTokenLifetime)}.`,
  };
}

function DeleteScopeDialog({ apiId, scope, onClose }: { apiId: string; scope: ScopeDto | null; onClose: () => void }) {
  return (
    <DeleteDialog
      item={scope}
      title="Delete scope"
      description={(item) => (
        <>
          Delete the scope <strong>{item.name}</strong>? Clients that request it will be refused. This cannot be undone.
        </>
      )}
      deleted={(item) => `Scope "${item.name}" deleted.`}
      mutation={useDeleteScope(apiId)}
      onClose={onClose}
    />
  );
}
