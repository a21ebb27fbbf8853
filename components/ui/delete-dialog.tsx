"use client";
// Confirms a delete; the item leaves its table only once the server has confirmed. When what is
// deleted is in use (clients may request it, users' consents and live grants hold it), the dialog
// says how much, and Delete waits until the user has typed its name, which the request carries.
import type { UseMutationResult } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import type { DeleteRequest } from "@/lib/client/fetch-json";
import { describeImpact, inUse, type ScopeImpact } from "@/lib/scopes/impact";

interface DeleteDialogProps<T extends { id: string }> {
  /** The item to delete; null keeps the dialog closed. */
  item: T | null;
  title: string;
  description: (item: T) => ReactNode;
  /** Shown after the server confirmed, e.g. `Scope "x" deleted.` */
  deleted: (item: T) => string;
  mutation: UseMutationResult<void, Error, DeleteRequest>;
  onClose: () => void;
  /** For what may be in use: what deleting it reaches (undefined while loading), and its name to type. */
  impact?: { value: ScopeImpact | undefined; name: (item: T) => string; subject?: string };
}

export function DeleteDialog<T extends { id: string }>(props: DeleteDialogProps<T>) {
  const { item, title, description, deleted, mutation, onClose, impact } = props;
  const notify = useToast();
  const [typed, setTyped] = useState("");
  const name = item && impact ? impact.name(item) : null;
  const confirming = impact?.value !== undefined && inUse(impact.value) && name !== null;
  const close = () => {
    mutation.reset();
    setTyped("");
    onClose();
  };
  return (
    <ConfirmDialog
      open={item !== null}
      onOpenChange={(open) => !open && close()}
      title={title}
      description={item ? description(item) : null}
      confirmLabel="Delete"
      busy={mutation.isPending}
      confirmDisabled={impact !== undefined && (impact.value === undefined || (confirming && typed !== name))}
      error={mutation.error?.message}
      onConfirm={() =>
        item &&
        mutation.mutate(
          { id: item.id, confirm: confirming ? typed : undefined },
          {
            onSuccess: () => {
              notify(deleted(item));
              close();
            },
          },
        )
      }
    >
      {impact && (
        <div className="grid gap-3">
          <Alert variant="warning" aria-live="polite" className="mb-0">
            {impact.value === undefined ? "Checking who uses it…" : describeImpact(impact.value, impact.subject)}
          </Alert>
          {confirming && <TypeToConfirm expected={name} value={typed} onChange={setTyped} />}
        </div>
      )}
    </ConfirmDialog>
  );
}

/** "Type read_invoices to confirm": the field a delete of something in use waits for. */
export function TypeToConfirm({
  expected,
  value,
  onChange,
}: {
  expected: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const fieldId = useId();
  return (
    <div className="grid gap-2">
      <Label htmlFor={fieldId}>
        Type <strong className="font-mono">{expected}</strong> to confirm
      </Label>
      <Input
        id={fieldId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
