"use client";
// The Settings tab of an API: its display name and description (the name is read-only).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { type ApiDto, type TUpdateApiRequest, ZUpdateApiRequest } from "@/lib/apis/schemas";
import { useUpdateApi } from "@/lib/client/apis";
import { ApiError } from "@/lib/client/fetch-json";

type SettingsValues = Required<Pick<TUpdateApiRequest, "displayName" | "description">> & { name: string };

export function ApiSettingsForm({ api }: { api: ApiDto }) {
  const updateApi = useUpdateApi(api.id);
  const notify = useToast();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<SettingsValues>({
    resolver: zodResolver(ZUpdateApiRequest) as unknown as Resolver<SettingsValues>,
    defaultValues: { name: api.name, displayName: api.displayName, description: api.description },
  });
  const { errors, isSubmitting } = form.formState;

  const onValid = async (values: SettingsValues) => {
    setBanner(null);
    try {
      const saved = await updateApi.mutateAsync(values);
      form.reset({ name: saved.name, displayName: saved.displayName, description: saved.description });
      notify(`API "${saved.name}" saved.`);
    } catch (error) {
      setBanner(error instanceof ApiError ? error.message : "The API could not be saved.");
    }
  };

  return (
    <section aria-label="Settings" className="panel">
      <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
        {banner && (
          <div role="alert" className="banner banner-error">
            {banner}
          </div>
        )}
        <fieldset disabled={isSubmitting} className="form-fields">
          <Field id="api-settings-name" label="Name" hint="The API's identifier; it cannot be changed.">
            <input {...form.register("name")} readOnly />
          </Field>
          <Field id="api-settings-display-name" label="Display Name" error={errors.displayName?.message}>
            <input {...form.register("displayName")} autoComplete="off" />
          </Field>
          <Field id="api-settings-description" label="Description" error={errors.description?.message}>
            <textarea {...form.register("description")} rows={3} />
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </section>
  );
}
