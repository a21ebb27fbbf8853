"use client";
// The Clients screen: registered OAuth clients; a new or regenerated secret is shown once.
import { useState } from "react";
import { useIsAdmin } from "@/components/auth/viewer";
import { ClientDialog } from "@/components/clients/client-dialog";
import { ReviewDialog } from "@/components/clients/review-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
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
import { ConfirmDialog, DialogFooter, dialogDescriptionClasses, FormDialog } from "@/components/ui/dialog";
import { FormControl, FormItem, FormLabel } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Page, PageHeader } from "@/components/ui/page";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
    <Page>
      <PageHeader title="Clients" actions={<Button onClick={() => setEditing({ client: null })}>Add client</Button>} />
      <Card aria-label="Clients list">
        <TableToolbar>
          <SearchBox label="Search clients" value={list.search} onChange={list.setSearch} />
        </TableToolbar>
        <Table aria-label="Clients" aria-busy={clients.isFetching}>
          <TableHeader>
            <TableRow>
              <SortableHeader label="Name" field="name" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader label="Client ID" field="clientId" sort={list.params.sort} onSort={list.toggleSort} />
              <TableHead scope="col">Type</TableHead>
              <TableHead scope="col">Grant types</TableHead>
              <TableHead scope="col">Unused scopes</TableHead>
              <TableHead scope="col">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
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
              <TableRow key={client.id}>
                <TableCell>{client.name}</TableCell>
                <TableCell className="font-mono">{client.clientId}</TableCell>
                <TableCell>{client.type}</TableCell>
                <TableCell className="font-mono">{client.allowedGrantTypes.join(" ")}</TableCell>
                <TableCell>{reviews?.[client.id]?.unusedScopes.length ?? "—"}</TableCell>
                <TableCell>
                  <div className="flex gap-2">
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Edit ${client.name}`}
                      onClick={() => setEditing({ client })}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Review access ${client.name}`}
                      onClick={() => setReviewing(client)}
                    >
                      Review access
                    </Button>
                    {client.type === "confidential" && (
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={`Regenerate secret ${client.name}`}
                        onClick={() => setRegenerating(client)}
                      >
                        Regenerate secret
                      </Button>
                    )}
                    <Button
                      variant="destructive-outline"
                      size="sm"
                      aria-label={`Delete ${client.name}`}
                      onClick={() => setDeleting(client)}
                    >
                      Delete
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <TableFooter>
          <TablePager label="Clients pages" noun={["client", "clients"]} data={data} list={list} />
        </TableFooter>
      </Card>
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
    </Page>
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
      <p className={dialogDescriptionClasses}>
        Copy the secret now: it is stored only as a hash and is not shown again.
      </p>
      <div className="grid gap-4">
        {/* Values to copy, not a form: FormItems outside a FormField label them. */}
        <FormItem>
          <FormLabel>Client ID</FormLabel>
          <div className="flex gap-2">
            <FormControl>
              <Input readOnly value={client?.clientId ?? ""} className="font-mono" />
            </FormControl>
            <CopyButton value={client?.clientId ?? ""} label="Copy the client's ID" />
          </div>
        </FormItem>
        <FormItem>
          <FormLabel>Client secret</FormLabel>
          <div className="flex gap-2">
            <FormControl>
              <Input readOnly value={client?.clientSecret ?? ""} className="font-mono" />
            </FormControl>
            <CopyButton value={client?.clientSecret ?? ""} label="Copy the client's secret" />
          </div>
        </FormItem>
      </div>
      <DialogFooter>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </FormDialog>
  );
}
