"use client";
// The Clients screen: registered OAuth clients; a new or regenerated secret is shown once.
import { useState } from "react";
import { useIsAdmin } from "@/components/auth/viewer";
import { ClientDialog } from "@/components/clients/client-dialog";
import { ReviewDialog } from "@/components/clients/review-dialog";
import {
  SearchBox,
  SortableHeader,
  TablePager,
  TableStates,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { ConfirmDialog, FormDialog } from "@/components/ui/dialog";
import { FormControl, FormItem, FormLabel } from "@/components/ui/form";
import { useClients, useDeleteClient, useRegenerateClientSecret } from "@/lib/client/clients";
import { useClientReviews } from "@/lib/client/usage";
import type { ClientDto, ClientWithSecret } from "@/lib/clients/schemas";
import { DEFAULT_REVIEW_DAYS } from "@/lib/usage/settings";

const COLUMNS = 6;

export function ClientsPage() {
  const list = useListState("name");
  const clients = useClients(list.params);
  const [editing, setEditing] = useState<{ client: ClientDto | null } | null>(null);
  const [deleting, setDeleting] = useState<ClientDto | null>(null);
  const [secret, setSecret] = useState<ClientWithSecret | null>(null);
  const [reviewing, setReviewing] = useState<ClientDto | null>(null);
  const [regenerating, setRegenerating] = useState<ClientDto | null>(null);
  const admin = useIsAdmin();
  const data = clients.data;
  useClampedPage(data, list.setPage);
  const reviews = useClientReviews(data?.items.map((client) => client.id) ?? [], DEFAULT_REVIEW_DAYS).data?.reviews;

  return (
    <main className="page">
      <div className="page-header">
        <h1>Clients</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing({ client: null })}>
          Add client
        </button>
      </div>
      <section className="panel" aria-label="Clients list">
        <div className="toolbar">
          <SearchBox label="Search clients" value={list.search} onChange={list.setSearch} />
        </div>
        <table className="table" aria-label="Clients" aria-busy={clients.isFetching}>
          <thead>
            <tr>
              <SortableHeader label="Name" field="name" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader label="Client ID" field="clientId" sort={list.params.sort} onSort={list.toggleSort} />
              <th scope="col">Type</th>
              <th scope="col">Grant types</th>
              <th scope="col">Unused scopes</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <TableStates
              query={clients}
              columns={COLUMNS}
              noun="clients"
              emptyText={
                admin
                  ? "No clients yet. Add the first one."
                  : "None of the clients use only your APIs' scopes. Add one that does."
              }
              q={list.params.q}
            />
            {data?.items.map((client) => (
              <tr key={client.id}>
                <td>{client.name}</td>
                <td className="mono">{client.clientId}</td>
                <td>{client.type}</td>
                <td className="mono">{client.allowedGrantTypes.join(" ")}</td>
                <td>{reviews?.[client.id]?.unusedScopes.length ?? "—"}</td>
                <td className="actions">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${client.name}`}
                      onClick={() => setEditing({ client })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Review access ${client.name}`}
                      onClick={() => setReviewing(client)}
                    >
                      Review access
                    </button>
                    {client.type === "confidential" && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Regenerate secret ${client.name}`}
                        onClick={() => setRegenerating(client)}
                      >
                        Regenerate secret
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`Delete ${client.name}`}
                      onClick={() => setDeleting(client)}
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
          <TablePager label="Clients pages" noun={["client", "clients"]} data={data} list={list} />
        </div>
      </section>
      <ClientDialog
        client={editing?.client ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        onCreated={(created) => created.clientSecret && setSecret(created)}
      />
      <RegenerateSecretDialog
        client={regenerating}
        onClose={() => setRegenerating(null)}
        onRegenerated={(client) => {
          setRegenerating(null);
          setSecret(client);
        }}
      />
      <SecretDialog client={secret} onClose={() => setSecret(null)} />
      <ReviewDialog client={reviewing} onClose={() => setReviewing(null)} />
      <DeleteDialog
        item={deleting}
        title="Delete client"
        description={(item) => (
          <>
            Delete the client <strong>{item.name}</strong> ({item.clientId})? It can no longer obtain tokens.
          </>
        )}
        deleted={(item) => `Client "${item.name}" deleted.`}
        mutation={useDeleteClient()}
        onClose={() => setDeleting(null)}
      />
    </main>
  );
}

/** Asks before a new secret replaces the client's: the old one stops working at once. */
function RegenerateSecretDialog({
  client,
  onClose,
  onRegenerated,
}: {
  client: ClientDto | null;
  onClose: () => void;
  onRegenerated: (client: ClientWithSecret) => void;
}) {
  const regenerate = useRegenerateClientSecret();
  const close = () => {
    regenerate.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={client !== null}
      onOpenChange={(open) => !open && close()}
      title="Regenerate secret"
      description={
        client && (
          <>
            Give the client <strong>{client.name}</strong> ({client.clientId}) a new secret? The old secret stops
            working at once: the client cannot obtain tokens until it is configured with the new one, shown once.
          </>
        )
      }
      confirmLabel="Regenerate secret"
      busyLabel="Regenerating…"
      busy={regenerate.isPending}
      error={regenerate.error?.message}
      onConfirm={() =>
        client &&
        regenerate.mutate(client.id, {
          onSuccess: (saved) => {
            regenerate.reset();
            onRegenerated(saved);
          },
        })
      }
    />
  );
}

function SecretDialog({ client, onClose }: { client: ClientWithSecret | null; onClose: () => void }) {
  return (
    <FormDialog open={client !== null} onOpenChange={(open) => !open && onClose()} title="Client secret">
      <p className="dialog-description">Copy the secret now: it is stored only as a hash and is not shown again.</p>
      <div className="form-fields">
        {/* Values to copy, not a form: FormItems outside a FormField label them. */}
        <FormItem>
          <FormLabel>Client ID</FormLabel>
          <FormControl>
            <input readOnly value={client?.clientId ?? ""} className="mono" />
          </FormControl>
        </FormItem>
        <FormItem>
          <FormLabel>Client secret</FormLabel>
          <FormControl>
            <input readOnly value={client?.clientSecret ?? ""} className="mono" />
          </FormControl>
        </FormItem>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </FormDialog>
  );
}
