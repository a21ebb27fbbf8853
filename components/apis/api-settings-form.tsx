"use client";
// The Settings tab of an API: its display name and description (the name is read-only).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { useLifetimeLock } from "@/components/auth/viewer";
import { Field } from "@/components/ui/field";
import { FormBanner } from "@/components/ui/form-parts";
import { inheritHint, lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { type ApiDto, type TUpdateApiRequest, ZUpdateApiRequest } from "@/lib/apis/schemas";
import { useUpdateApi } from "@/lib/client/apis";
import { ApiError } from "@/lib/client/fetch-json";
import { useSettings } from "@/lib/client/settings";

interface SettingsValues {
  name: string;
  displayName: string;
  description: string;
  /** Human units; blank inherits the service's. */
  accessTokenLifetime: string;
  refreshTokenLifetime: string;
  /** The version being edited, sent back so that a newer save by someone else is not overwritten. */
  version?: number;
}

const toFormValues = (api: ApiDto): SettingsValues => ({
  name: api.name,
  displayName: api.displayName,
  description: api.description,
  accessTokenLifetime: lifetimeText(api.accessTokenLifetime),
  refreshTokenLifetime: lifetimeText(api.refreshTokenLifetime),
  version: api.version,
});

export function ApiSettingsForm({ api }: { api: ApiDto }) {
  const updateApi = useUpdateApi(api.id);
  const settings = useSettings().data;
  const notify = useToast();
  const lock = useLifetimeLock();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<SettingsValues, unknown, TUpdateApiRequest>({
    resolver: zodResolver(ZUpdateApiRequest) as unknown as Resolver<SettingsValues, unknown, TUpdateApiRequest>,
    defaultValues: toFormValues(api),
  });
  const { errors, isSubmitting } = form.formState;

  const onValid = async (values: TUpdateApiRequest) => {
    setBanner(null);
    try {
      const saved = await updateApi.mutateAsync(values);
      form.reset(toFormValues(saved));
      notify(`API "${saved.name}" saved.`);
    } catch (error) {
      setBanner(error instanceof ApiError ? error.message : "The API could not be saved.");
    }
  };

  return (
    <section aria-label="Settings" className="panel">
      <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
        <FormBanner message={banner} />
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
          <div className="form-row">
            <Field
              id="api-settings-access-lifetime"
              label="Access token lifetime"
              error={errors.accessTokenLifetime?.message}
              hint={lock.hint(settings ? inheritHint(settings.accessTokenLifetime, "the service") : null)}
            >
              <input {...form.register("accessTokenLifetime")} {...lock.input} placeholder="e.g. 1 h" />
            </Field>
            <Field
              id="api-settings-refresh-lifetime"
              label="Refresh token lifetime"
              error={errors.refreshTokenLifetime?.message}
              hint={lock.hint(settings ? inheritHint(settings.refreshTokenLifetime, "the service") : null)}
            >
              <input {...form.register("refreshTokenLifetime")} {...lock.input} placeholder="e.g. 1 d" />
            </Field>
          </div>
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
