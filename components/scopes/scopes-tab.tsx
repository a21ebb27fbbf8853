"use client";
// The Scopes tab: the API's scopes, paged, searched and sorted on the server.
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
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
  toggled,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { DeleteDialog, TypeToConfirm } from "@/components/ui/delete-dialog";
import { ConfirmDialog } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { inheritHint } from "@/components/ui/lifetime";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useApi } from "@/lib/client/apis";
import { ApiError } from "@/lib/client/fetch-json";
import { useBulkScopes, useDeleteScope, useScopeImpact, useScopes } from "@/lib/client/scopes";
import { useSettings } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import { describeImpact, type ScopeImpact } from "@/lib/scopes/impact";
import {
  LIFECYCLE_LABELS,
  SCOPE_FLAG_LABELS,
  SCOPE_FLAGS,
  SCOPE_LIFECYCLES,
  type ScopeDto,
  type ScopeFlag,
  type ScopeLifecycle,
} from "@/lib/scopes/schemas";
import { type InheritedLifetimes, ScopeDialog } from "./scope-dialog";
import { UsageDialog } from "./usage-dialog";

const COLUMNS = 8;
const LIFETIME_COLUMNS = 2;
const yesNo = (value: boolean) => (value ? "Yes" : "No");
const lifetime = (seconds: number | null) => (seconds === null ? "Inherited" : formatDuration(seconds));
const FILTERS = ["lifecycle", ...SCOPE_FLAGS] as const;

/** `builtIn`: the console's own API, whose scopes are fixed (lib/scopes/built-in.ts): no adding or deleting. */
export function ScopesTab({ apiId, builtIn = false }: { apiId: string; builtIn?: boolean }) {
  const list = useListState("name", FILTERS);
  const lifecycle = list.filters.lifecycle as ScopeLifecycle | "";
  const scopes = useScopes(apiId, { ...list.params, ...list.filters, lifecycle });
  const lifecycleId = useId();
  const filterId = useId();
  const [showLifetimes, setShowLifetimes] = useState(false);
  const columns = COLUMNS + (showLifetimes ? LIFETIME_COLUMNS : 0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkDeleting, setBulkDeleting] = useState(false);
  const [bulkChange, setBulkChange] = useState("");
  const bulk = useBulkScopes(apiId);
  const notify = useToast();
  const bulkId = useId();
  // What is selected stays on the page shown: another page, search or filter drops the rest.
  useEffect(() => {
    const shown = new Set(scopes.data?.items.map((scope) => scope.id));
    setSelected((current) => {
      const kept = [...current].filter((id) => shown.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [scopes.data]);
  const toggle = (id: string, on: boolean) => setSelected((current) => toggled(current, id, on));
  const pageIds = scopes.data?.items.map((scope) => scope.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const applyBulk = () => {
    const [flag, value] = bulkChange.split(":") as [ScopeFlag, string];
    if (!flag) return;
    bulk.mutate(
      { action: "update", ids: [...selected], set: { [flag]: value === "true" } },
      {
        onSuccess: (result) => {
          notify(`${result.changed.toLocaleString("en-US")} of ${selected.size} ${plural(selected.size)} changed.`);
          setBulkChange("");
        },
        onError: (error) => notify(error instanceof ApiError ? error.message : "The scopes could not be changed."),
      },
    );
  };
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
          onChange={(event) => list.setFilters({ lifecycle: event.target.value })}
        >
          <option value="">All</option>
          {SCOPE_LIFECYCLES.map((value) => (
            <option key={value} value={value}>
              {LIFECYCLE_LABELS[value]}
            </option>
          ))}
        </NativeSelect>
        {SCOPE_FLAGS.map((flag) => (
          <span key={flag} className="inline-flex items-center gap-2">
            <Label htmlFor={`${filterId}-${flag}`}>{SCOPE_FLAG_LABELS[flag]}</Label>
            <NativeSelect
              id={`${filterId}-${flag}`}
              className="w-auto"
              value={list.filters[flag]}
              onChange={(event) => list.setFilters({ [flag]: event.target.value })}
            >
              <option value="">All</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </NativeSelect>
          </span>
        ))}
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={showLifetimes} onChange={(event) => setShowLifetimes(event.target.checked)} />
          Show lifetimes
        </label>
      </TableToolbar>
      <fieldset className="m-0 mb-3 flex flex-wrap items-center gap-3 border-0 p-0 text-sm">
        <legend className="sr-only">Selected scopes</legend>
        <span aria-live="polite">{selected.size.toLocaleString("en-US")} selected</span>
        <Label htmlFor={bulkId}>Change selected</Label>
        <NativeSelect
          id={bulkId}
          className="w-auto"
          value={bulkChange}
          onChange={(event) => setBulkChange(event.target.value)}
        >
          <option value="">Choose…</option>
          {SCOPE_FLAGS.flatMap((flag) => [
            <option key={`${flag}:true`} value={`${flag}:true`}>
              {SCOPE_FLAG_LABELS[flag]}: Yes
            </option>,
            <option key={`${flag}:false`} value={`${flag}:false`}>
              {SCOPE_FLAG_LABELS[flag]}: No
            </option>,
          ])}
        </NativeSelect>
        <Button
          variant="outline"
          size="sm"
          disabled={selected.size === 0 || !bulkChange || bulk.isPending}
          onClick={applyBulk}
        >
          Apply
        </Button>
        {!builtIn && (
          <Button
            variant="destructive-outline"
            size="sm"
            disabled={selected.size === 0 || bulk.isPending}
            onClick={() => setBulkDeleting(true)}
          >
            Delete selected
          </Button>
        )}
      </fieldset>
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
            {showLifetimes && (
              <>
                <TableHead scope="col">Access token lifetime</TableHead>
                <TableHead scope="col">Refresh token lifetime</TableHead>
              </>
            )}
            <TableHead scope="col">Status</TableHead>
            <TableHead scope="col">
              <span className="inline-flex items-center gap-2">
                Actions
                <input
                  type="checkbox"
                  aria-label="Select all scopes on this page"
                  checked={allSelected}
                  onChange={(event) => setSelected(new Set(event.target.checked ? pageIds : []))}
                />
              </span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
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
            <TableRow key={scope.id}>
              <TableCell className="font-mono">{scope.name}</TableCell>
              <TableCell>{scope.displayName}</TableCell>
              <TableCell className="min-w-48 max-w-md text-muted-foreground">{scope.description}</TableCell>
              <TableCell>{yesNo(scope.required)}</TableCell>
              <TableCell>{yesNo(scope.emphasize)}</TableCell>
              <TableCell>{yesNo(scope.showInDiscoveryDocument)}</TableCell>
              {showLifetimes && (
                <>
                  <TableCell>{lifetime(scope.accessTokenLifetime)}</TableCell>
                  <TableCell>{lifetime(scope.refreshTokenLifetime)}</TableCell>
                </>
              )}
              <TableCell>
                <LifecycleBadge scope={scope} />
              </TableCell>
              <TableCell>
                <div className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${scope.name}`}
                    checked={selected.has(scope.id)}
                    onChange={(event) => toggle(scope.id, event.target.checked)}
                  />
                  <Button
                    variant="outline"
                    size="sm"
                    aria-label={`Usage ${scope.name}`}
                    onClick={() => setShowingUsage(scope)}
                  >
                    Usage
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    aria-label={`${scope.lifecycle === "retired" ? "View" : "Edit"} ${scope.name}`}
                    onClick={() => setEditing({ scope })}
                  >
                    {scope.lifecycle === "retired" ? "View" : "Edit"}
                  </Button>
                  {!builtIn && (
                    <Button
                      variant="destructive-outline"
                      size="sm"
                      aria-label={`Delete ${scope.name}`}
                      onClick={() => setDeleting(scope)}
                    >
                      Delete
                    </Button>
                  )}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TableFooter>
        <TablePager label="Scopes pages" noun={["scope", "scopes"]} data={data} list={list} />
        {!builtIn && <Button onClick={() => setEditing({ scope: null })}>Add Scope</Button>}
      </TableFooter>
      <ScopeDialog
        apiId={apiId}
        scope={editing?.scope ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        inherited={inherited}
      />
      <DeleteScopeDialog apiId={apiId} scope={deleting} onClose={() => setDeleting(null)} />
      <BulkDeleteDialog
        open={bulkDeleting}
        ids={[...selected]}
        mutation={bulk}
        onClose={() => setBulkDeleting(false)}
        onDeleted={() => setSelected(new Set())}
      />
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

const plural = (count: number) => (count === 1 ? "scope" : "scopes");

/**
 * Deleting the selected scopes, confirmed as one is: the dialog names the count; when the server
 * answers that they are in use (409 with the impact), it says what they reach and waits for the
 * count to be typed, which the request then carries.
 */
function BulkDeleteDialog({
  open,
  ids,
  mutation,
  onClose,
  onDeleted,
}: {
  open: boolean;
  ids: string[];
  mutation: ReturnType<typeof useBulkScopes>;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const notify = useToast();
  const [impact, setImpact] = useState<ScopeImpact | null>(null);
  const [typed, setTyped] = useState("");
  const count = String(ids.length);
  const close = () => {
    mutation.reset();
    setImpact(null);
    setTyped("");
    onClose();
  };
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409 && impact !== null;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => !next && close()}
      title={`Delete ${count} ${plural(ids.length)}`}
      description={
        <>
          Delete the {count} selected {plural(ids.length)}? They are removed from every client, consent and grant, and
          clients that request them will be refused. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      busy={mutation.isPending}
      confirmDisabled={impact !== null && typed !== count}
      error={conflict ? null : mutation.error?.message}
      onConfirm={() =>
        mutation.mutate(
          { action: "delete", ids, confirm: impact ? typed : undefined },
          {
            onSuccess: (result) => {
              notify(`${result.changed.toLocaleString("en-US")} ${plural(result.changed)} deleted.`);
              onDeleted();
              close();
            },
            onError: (error) => {
              const found = error instanceof ApiError ? error.extensions.impact : undefined;
              if (found) setImpact(found as ScopeImpact);
            },
          },
        )
      }
    >
      {impact && (
        <div className="grid gap-4">
          <Alert variant="warning" aria-live="polite" className="mb-0">
            {describeImpact(impact, "them")}
          </Alert>
          <TypeToConfirm expected={count} value={typed} onChange={setTyped} />
        </div>
      )}
    </ConfirmDialog>
  );
}
