"use client";
// "Review access" (least privilege): the client's allowed scopes that it was not granted in the
// review window, to remove the chosen ones in one audited change (a PATCH of allowedScopes).
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toggled } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { DialogFooter, dialogDescriptionClasses, FormDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useUpdateClient } from "@/lib/client/clients";
import { useClientReview } from "@/lib/client/usage";
import type { ClientDto } from "@/lib/clients/schemas";
import { DEFAULT_REVIEW_DAYS } from "@/lib/usage/settings";

interface ReviewDialogProps {
  /** The client to review; null keeps the dialog closed. */
  client: ClientDto | null;
  onClose: () => void;
}

export function ReviewDialog({ client, onClose }: ReviewDialogProps) {
  return (
    <FormDialog open={client !== null} onOpenChange={(open) => !open && onClose()} title="Review access">
      {client && <ReviewForm key={client.id} client={client} onClose={onClose} />}
    </FormDialog>
  );
}

function ReviewForm({ client, onClose }: { client: ClientDto; onClose: () => void }) {
  const review = useClientReview(client.id, DEFAULT_REVIEW_DAYS);
  const update = useUpdateClient();
  const notify = useToast();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const listId = useId();
  const unused = review.data?.unusedScopes ?? [];

  const toggle = (name: string, on: boolean) => setChosen((previous) => toggled(previous, name, on));

  const remove = () =>
    update.mutate(
      {
        id: client.id,
        input: { allowedScopes: client.allowedScopes.filter((name) => !chosen.has(name)), version: client.version },
      },
      {
        onSuccess: () => {
          notify(`Removed ${chosen.size} ${chosen.size === 1 ? "scope" : "scopes"} from "${client.name}".`);
          onClose();
        },
      },
    );

  return (
    <>
      <p className={dialogDescriptionClasses} id={listId}>
        Scopes <strong>{client.name}</strong> may request but was not granted in the last {DEFAULT_REVIEW_DAYS} days.
        Remove what it does not need: least privilege.
      </p>
      {review.isPending && <p aria-live="polite">Loading the review…</p>}
      {review.isError && <Alert role="alert">{review.error.message}</Alert>}
      {review.data && unused.length === 0 && <p>Every allowed scope was granted in that time.</p>}
      {unused.length > 0 && (
        <fieldset className="m-0 grid gap-3 border-0 p-0" aria-labelledby={listId} disabled={update.isPending}>
          {unused.map((scope) => (
            <label key={scope.name} className="flex items-start gap-3 text-sm [&>input]:mt-0.5">
              <input
                type="checkbox"
                checked={chosen.has(scope.name)}
                onChange={(event) => toggle(scope.name, event.target.checked)}
              />
              <span>
                <span className="font-mono">{scope.name}</span>{" "}
                <span className="text-muted-foreground">
                  (last granted: <DateTime value={scope.lastRequestedAt} />)
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {update.error && <Alert role="alert">{update.error.message}</Alert>}
      <DialogFooter>
        <Button variant="outline" onClick={onClose} disabled={update.isPending}>
          Cancel
        </Button>
        <Button variant="destructive" disabled={chosen.size === 0 || update.isPending} onClick={remove}>
          {update.isPending ? "Removing…" : "Remove selected"}
        </Button>
      </DialogFooter>
    </>
  );
}
