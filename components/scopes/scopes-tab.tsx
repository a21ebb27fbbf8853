"use client";
// The Scopes tab: the API's scopes, paged, searched and sorted on the server.
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  SearchBox,
  SortableHeader,
  TableFooter,
  TablePager,
  TableStates,
  TableToolbar,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { inheritHint } from "@/components/ui/lifetime";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useApi } from "@/lib/client/apis";
import { useDeleteScope, useScopeImpact, useScopes } from "@/lib/client/scopes";
import { useSettings } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import { LIFECYCLE_LABELS, SCOPE_LIFECYCLES, type ScopeDto, type ScopeLifecycle } from "@/lib/scopes/schemas";
import { type InheritedLifetimes, ScopeDialog } from "./scope-dialog";
import { UsageDialog } from "./usage-dialog";

const COLUMNS = 8;
const yesNo = (value: boolean) => (value ? "Yes" : "No");

export function ScopesTab({ apiId }: { apiId: string }) {
  const list = useListState("name");
  const [lifecycle, setLifecycle] = useState<ScopeLifecycle | "">("");
  const scopes = useScopes(apiId, { ...list.params, lifecycle });
  const lifecycleId = useId();
  const [editing, setEditing] = useState<{ scope: ScopeDto | null } | null>(null);
  const [deleting, setDeleting] = useState<ScopeDto | null>(null);
  const [showingUsage, setShowingUsage] = useState<ScopeDto | null>(null);
  const data = scopes.data;
  useClampedPage(data, list.setPage);
  const inherited = useInheritedLifetimes(apiId);

  return (
    <Card aria-label="Scopes">
      <TableToolbar>
        <SearchBox label="Search scopes" value={list.search} onChange={list.setSearch} />
        <Label htmlFor={lifecycleId}>Lifecycle</Label>
        <NativeSelect
          id={lifecycleId}
          className="w-auto"
          value={lifecycle}
          onChange={(event) => {
            setLifecycle(event.target.value as ScopeLifecycle | "");
            list.setPage(1);
          }}
        >
          <option value="">All</option>
          {SCOPE_LIFECYCLES.map((value) => (
            <option key={value} value={value}>
              {LIFECYCLE_LABELS[value]}
            </option>
          ))}
        </NativeSelect>
      </TableToolbar>
      <Table aria-busy={scopes.isFetching} aria-label="API scopes">
        <TableHeader>
          <TableRow>
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
            <TableHead scope="col">Status</TableHead>
            <TableHead scope="col">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableStates
            query={scopes}
            columns={COLUMNS}
            noun="scopes"
            emptyText="This API has no scopes yet. Add the first one."
            q={list.params.q}
          />
          {data?.items.map((scope) => (
            <TableRow key={scope.id}>
              <TableCell className="font-mono">{scope.name}</TableCell>
              <TableCell>{scope.displayName}</TableCell>
              <TableCell className="min-w-48 max-w-md text-muted-foreground">{scope.description}</TableCell>
              <TableCell>{yesNo(scope.required)}</TableCell>
              <TableCell>{yesNo(scope.emphasize)}</TableCell>
              <TableCell>{yesNo(scope.showInDiscoveryDocument)}</TableCell>
              <TableCell>
                <LifecycleBadge scope={scope} />
              </TableCell>
              <TableCell>
                <div className="flex gap-2">
                  <Button variant="outline" size="sm" onClick={() => setShowingUsage(scope)}>
                    Usage
                  </Button>
                  <Button variant="outline" size="sm" onClick={() => setEditing({ scope })}>
                    {scope.lifecycle === "retired" ? "View" : "Edit"}
                  </Button>
                  <Button variant="destructive-outline" size="sm" onClick={() => setDeleting(scope)}>
                    Delete
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TableFooter>
        <TablePager label="Scopes pages" data={data} list={list} />
        <Button onClick={() => setEditing({ scope: null })}>Add Scope</Button>
      </TableFooter>
      <ScopeDialog
        apiId={apiId}
        scope={editing?.scope ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        inherited={inherited}
      />
      <DeleteScopeDialog apiId={apiId} scope={deleting} onClose={() => setDeleting(null)} />
      <UsageDialog apiId={apiId} scope={showingUsage} onClose={() => setShowingUsage(null)} />
    </Card>
  );
}

/** Active says nothing; a deprecated scope shows its sunset, a retired one that it is read-only. */
function LifecycleBadge({ scope }: { scope: ScopeDto }) {
  if (scope.lifecycle === "active") return <>{LIFECYCLE_LABELS.active}</>;
  return (
    <>
      <Badge variant={scope.lifecycle === "deprecated" ? "warning" : "secondary"}>
        {LIFECYCLE_LABELS[scope.lifecycle]}
      </Badge>
      {scope.lifecycle === "deprecated" && scope.sunsetAt && (
        <div className="mt-1 whitespace-nowrap text-muted-foreground text-xs">
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
