"use client";
// Confirms a delete; the item leaves its table only once the server has confirmed.
import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

interface DeleteDialogProps<T extends { id: string }> {
  /** The item to delete; null keeps the dialog closed. */
  item: T | null;
  title: string;
  description: (item: T) => ReactNode;
  /** Shown after the server confirmed, e.g. `Scope "x" deleted.` */
  deleted: (item: T) => string;
  mutation: UseMutationResult<void, Error, string>;
  onClose: () => void;
}

export function DeleteDialog<T extends { id: string }>(props: DeleteDialogProps<T>) {
  const { item, title, description, deleted, mutation, onClose } = props;
  const notify = useToast();
  return (
    <ConfirmDialog
      open={item !== null}
      onOpenChange={(open) => {
        if (!open) {
          mutation.reset();
          onClose();
        }
      }}
      title={title}
      description={item ? description(item) : null}
      confirmLabel="Delete"
      busy={mutation.isPending}
      error={mutation.error?.message}
      onConfirm={() =>
        item &&
        mutation.mutate(item.id, {
          onSuccess: () => {
            notify(deleted(item));
            onClose();
          },
        })
      }
    />
  );
}
