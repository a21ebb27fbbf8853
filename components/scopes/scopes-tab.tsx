"use client";
// The Scopes tab: the API's scopes, paged, searched and sorted on the server.
import { useId, useState } from "react";
import {
  SearchBox,
  SortableHeader,
  TablePager,
  TableStates,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { inheritHint } from "@/components/ui/lifetime";
import { useApi } from "@/lib/client/apis";
import { useDeleteScope, useScopeImpact, useScopes } from "@/lib/client/scopes";
import { useSettings } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import {
  LIFECYCLE_LABELS,
  SCOPE_FLAG_LABELS,
  SCOPE_FLAGS,
  SCOPE_LIFECYCLES,
  type ScopeDto,
  type ScopeLifecycle,
} from "@/lib/scopes/schemas";
import { type InheritedLifetimes, ScopeDialog } from "./scope-dialog";
import { UsageDialog } from "./usage-dialog";

const COLUMNS = 8;
const LIFETIME_COLUMNS = 2;
const yesNo = (value: boolean) => (value ? "Yes" : "No");
const lifetime = (seconds: number | null) => (seconds === null ? "Inherited" : formatDuration(seconds));
const FILTERS = ["lifecycle", ...SCOPE_FLAGS] as const;

export function ScopesTab({ apiId }: { apiId: string }) {
  const list = useListState("name", FILTERS);
  const lifecycle = list.filters.lifecycle as ScopeLifecycle | "";
  const scopes = useScopes(apiId, { ...list.params, ...list.filters, lifecycle });
  const lifecycleId = useId();
  const filterId = useId();
  const [showLifetimes, setShowLifetimes] = useState(false);
  const columns = COLUMNS + (showLifetimes ? LIFETIME_COLUMNS : 0);
  const [editing, setEditing] = useState<{ scope: ScopeDto | null } | null>(null);
  const [deleting, setDeleting] = useState<ScopeDto | null>(null);
  const [showingUsage, setShowingUsage] = useState<ScopeDto | null>(null);
  const data = scopes.data;
  useClampedPage(data, list.setPage);
  const inherited = useInheritedLifetimes(apiId);

  return (
    <section aria-label="Scopes" className="panel">
      <div className="toolbar">
        <SearchBox label="Search scopes" value={list.search} onChange={list.setSearch} />
        <label htmlFor={lifecycleId}>Lifecycle</label>
        <select
          id={lifecycleId}
          value={lifecycle}
          onChange={(event) => list.setFilters({ lifecycle: event.target.value })}
        >
          <option value="">All</option>
          {SCOPE_LIFECYCLES.map((value) => (
            <option key={value} value={value}>
              {LIFECYCLE_LABELS[value]}
            </option>
          ))}
        </select>
        {SCOPE_FLAGS.map((flag) => (
          <span key={flag}>
            <label htmlFor={`${filterId}-${flag}`}>{SCOPE_FLAG_LABELS[flag]}</label>{" "}
            <select
              id={`${filterId}-${flag}`}
              value={list.filters[flag]}
              onChange={(event) => list.setFilters({ [flag]: event.target.value })}
            >
              <option value="">All</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          </span>
        ))}
        <label>
          <input type="checkbox" checked={showLifetimes} onChange={(event) => setShowLifetimes(event.target.checked)} />{" "}
          Show lifetimes
        </label>
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
            {showLifetimes && (
              <>
                <th scope="col">Access token lifetime</th>
                <th scope="col">Refresh token lifetime</th>
              </>
            )}
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          <TableStates
            query={scopes}
            columns={columns}
            noun="scopes"
            emptyText={
              FILTERS.some((key) => list.filters[key])
                ? "No scopes match these filters."
                : "This API has no scopes yet. Add the first one."
            }
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
              {showLifetimes && (
                <>
                  <td>{lifetime(scope.accessTokenLifetime)}</td>
                  <td>{lifetime(scope.refreshTokenLifetime)}</td>
                </>
              )}
              <td>
                <LifecycleBadge scope={scope} />
              </td>
              <td className="actions">
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Usage ${scope.name}`}
                    onClick={() => setShowingUsage(scope)}
                  >
                    Usage
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`${scope.lifecycle === "retired" ? "View" : "Edit"} ${scope.name}`}
                    onClick={() => setEditing({ scope })}
                  >
                    {scope.lifecycle === "retired" ? "View" : "Edit"}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    aria-label={`Delete ${scope.name}`}
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
        <TablePager label="Scopes pages" noun={["scope", "scopes"]} data={data} list={list} />
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
      <UsageDialog apiId={apiId} scope={showingUsage} onClose={() => setShowingUsage(null)} />
    </section>
  );
}

/** Active says nothing; a deprecated scope shows its sunset, a retired one that it is read-only. */
function LifecycleBadge({ scope }: { scope: ScopeDto }) {
  if (scope.lifecycle === "active") return <>{LIFECYCLE_LABELS.active}</>;
  return (
    <>
      <span className={`badge badge-${scope.lifecycle}`}>{LIFECYCLE_LABELS[scope.lifecycle]}</span>
      {scope.lifecycle === "deprecated" && scope.sunsetAt && (
        <div className="muted">
          Sunset <DateTime value={scope.sunsetAt} dateOnly />
        </div>
      )}
    </>
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
  const impact = useScopeImpact(apiId, scope?.id ?? null);
  return (
    <DeleteDialog
      item={scope}
      title="Delete scope"
      description={(item) => (
        <>
          Delete the scope <strong>{item.name}</strong>? It is removed from every client, consent and grant, and clients
          that request it will be refused. Consider deprecating it instead. This cannot be undone.
        </>
      )}
      deleted={(item) => `Scope "${item.name}" deleted.`}
      mutation={useDeleteScope(apiId)}
      onClose={onClose}
      impact={{ value: impact.data, name: (item) => item.name }}
    />
  );
}
