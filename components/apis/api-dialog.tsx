"use client";
// The "API" dialog: registers a new API.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { FormDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { useToast } from "@/components/ui/toast";
import { type TCreateApiRequest, ZCreateApiRequest } from "@/lib/apis/schemas";
import { useCreateApi } from "@/lib/client/apis";

type ApiFormValues = Required<Pick<TCreateApiRequest, "name" | "displayName" | "description">>;
const EMPTY_API: ApiFormValues = { name: "", displayName: "", description: "" };

export function ApiDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const createApi = useCreateApi();
  const notify = useToast();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ApiFormValues>({
    resolver: zodResolver(ZCreateApiRequest) as unknown as Resolver<ApiFormValues>,
    defaultValues: EMPTY_API,
  });
  const { errors, isSubmitting } = form.formState;

  const close = (next: boolean) => {
    if (!next) {
      form.reset(EMPTY_API);
      setBanner(null);
    }
    onOpenChange(next);
  };

  const onValid = async (values: ApiFormValues) => {
    setBanner(null);
    try {
      const api = await createApi.mutateAsync(values);
      notify(`API "${api.name}" added.`);
      close(false);
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_API, "The API could not be saved."));
    }
  };

  return (
    <FormDialog open={open} onOpenChange={close} title="API" busy={isSubmitting}>
      <form
        noValidate
        onSubmit={form.handleSubmit(onValid, () =>
          setBanner("The API was not saved. Correct the fields marked below."),
        )}
      >
        <FormBanner message={banner} />
        <fieldset disabled={isSubmitting} className="form-fields">
          <Field
            id="api-name"
            label="Name"
            error={errors.name?.message}
            hint="The API's identifier, for example invoices."
          >
            <input {...form.register("name")} autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="api-display-name" label="Display Name" error={errors.displayName?.message}>
            <input {...form.register("displayName")} autoComplete="off" />
          </Field>
          <Field id="api-description" label="Description" error={errors.description?.message}>
            <textarea {...form.register("description")} rows={3} />
          </Field>
        </fieldset>
        <DialogFormActions busy={isSubmitting} onClose={() => close(false)} />
      </form>
    </FormDialog>
  );
}
