"use client";
import Link from "next/link";
import { useState } from "react";
// The APIs screen: every API, with Edit (opens its screen), Delete and "Add API".
import { useIsAdmin } from "@/components/auth/viewer";
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
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { Page, PageHeader } from "@/components/ui/page";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiDto } from "@/lib/apis/schemas";
import { useApiImpact, useApis, useDeleteApi } from "@/lib/client/apis";
import { ApiDialog } from "./api-dialog";

const COLUMNS = 5;

export function ApisPage() {
  const list = useListState("name");
  const apis = useApis(list.params);
  // Only an admin adds or deletes APIs; a service owner sees the APIs assigned to them.
  const admin = useIsAdmin();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<ApiDto | null>(null);
  const data = apis.data;
  useClampedPage(data, list.setPage);

  return (
    <Page>
      <PageHeader title="APIs" actions={admin && <Button onClick={() => setAdding(true)}>Add API</Button>} />
      <Card aria-label="APIs list">
        <TableToolbar>
          <SearchBox label="Search APIs" value={list.search} onChange={list.setSearch} />
        </TableToolbar>
        <Table aria-label="APIs" aria-busy={apis.isFetching}>
          <TableHeader>
            <TableRow>
              <SortableHeader label="Name" field="name" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader
                label="Display Name"
                field="displayName"
                sort={list.params.sort}
                onSort={list.toggleSort}
              />
              <TableHead scope="col">Description</TableHead>
              <TableHead scope="col">Scopes</TableHead>
              <TableHead scope="col">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableStates
              query={apis}
              columns={COLUMNS}
              noun="APIs"
              emptyText={admin ? "No APIs yet. Add the first one." : "No APIs are assigned to you yet."}
              q={list.params.q}
            />
            {data?.items.map((api) => (
              <TableRow key={api.id}>
                <TableCell className="font-mono">
                  <Link href={`/apis/${api.id}`} onClick={list.markLeaving}>
                    {api.name}
                  </Link>
                </TableCell>
                <TableCell>
                  {api.displayName}
                  {api.builtIn && (
                    <Badge variant="secondary" className="ml-2">
                      Built in
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="min-w-48 max-w-md text-muted-foreground">{api.description}</TableCell>
                <TableCell>{api.scopeCount}</TableCell>
                <TableCell>
                  <div className="flex gap-2">
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Edit ${api.name}`}
                      onClick={() => list.leave(`/apis/${api.id}?tab=scopes`)}
                    >
                      Edit
                    </Button>
                    {admin && !api.builtIn && (
                      <Button
                        variant="destructive-outline"
                        size="sm"
                        aria-label={`Delete ${api.name}`}
                        onClick={() => setDeleting(api)}
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
          <TablePager label="APIs pages" noun={["API", "APIs"]} data={data} list={list} />
        </TableFooter>
      </Card>
      <ApiDialog open={adding} onOpenChange={setAdding} />
      <DeleteApiDialog api={deleting} onClose={() => setDeleting(null)} />
    </Page>
  );
}

function DeleteApiDialog({ api, onClose }: { api: ApiDto | null; onClose: () => void }) {
  const impact = useApiImpact(api?.id ?? null);
  return (
    <DeleteDialog
      item={api}
      title="Delete API"
      description={(item) => (
        <>
          Delete the API <strong>{item.name}</strong>
          {item.scopeCount > 0 ? ` and its ${item.scopeCount} ${item.scopeCount === 1 ? "scope" : "scopes"}` : ""}? This
          cannot be undone.
        </>
      )}
      deleted={(item) => `API "${item.name}" deleted.`}
      mutation={useDeleteApi()}
      onClose={onClose}
      impact={{ value: impact.data, name: (item) => item.name, subject: "its scopes" }}
    />
  );
}
