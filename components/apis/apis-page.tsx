"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
// The APIs screen: every API, with Edit (opens its screen), Delete and "Add API".
import { useIsAdmin } from "@/components/auth/viewer";
import {
  SearchBox,
  SortableHeader,
  TablePager,
  TableStates,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import type { ApiDto } from "@/lib/apis/schemas";
import { useApiImpact, useApis, useDeleteApi } from "@/lib/client/apis";
import { ApiDialog } from "./api-dialog";

const COLUMNS = 5;

export function ApisPage() {
  const router = useRouter();
  const list = useListState("name");
  const apis = useApis(list.params);
  // Only an admin adds or deletes APIs; a service owner sees the APIs assigned to them.
  const admin = useIsAdmin();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<ApiDto | null>(null);
  const data = apis.data;
  useClampedPage(data, list.setPage);

  return (
    <main className="page">
      <div className="page-header">
        <h1>APIs</h1>
        {admin && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add API
          </button>
        )}
      </div>
      <section className="panel" aria-label="APIs list">
        <div className="toolbar">
          <SearchBox label="Search APIs" value={list.search} onChange={list.setSearch} />
        </div>
        <table className="table" aria-label="APIs" aria-busy={apis.isFetching}>
          <thead>
            <tr>
              <SortableHeader label="Name" field="name" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader
                label="Display Name"
                field="displayName"
                sort={list.params.sort}
                onSort={list.toggleSort}
              />
              <th scope="col">Description</th>
              <th scope="col">Scopes</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <TableStates
              query={apis}
              columns={COLUMNS}
              noun="APIs"
              emptyText={admin ? "No APIs yet. Add the first one." : "No APIs are assigned to you yet."}
              q={list.params.q}
            />
            {data?.items.map((api) => (
              <tr key={api.id}>
                <td className="mono">
                  <Link href={`/apis/${api.id}`}>{api.name}</Link>
                </td>
                <td>{api.displayName}</td>
                <td className="description">{api.description}</td>
                <td>{api.scopeCount}</td>
                <td className="actions">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${api.name}`}
                      onClick={() => router.push(`/apis/${api.id}?tab=scopes`)}
                    >
                      Edit
                    </button>
                    {admin && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={`Delete ${api.name}`}
                        onClick={() => setDeleting(api)}
                      >
                        Delete
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="table-footer">
          <TablePager label="APIs pages" noun={["API", "APIs"]} data={data} list={list} />
        </div>
      </section>
      <ApiDialog open={adding} onOpenChange={setAdding} />
      <DeleteApiDialog api={deleting} onClose={() => setDeleting(null)} />
    </main>
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
