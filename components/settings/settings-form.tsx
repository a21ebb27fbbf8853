"use client";
// The Settings page: service-wide token lifetimes, entered in human units.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useIsAdmin } from "@/components/auth/viewer";
import { useUnsavedChanges } from "@/components/ui/dialog";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { FormBanner, useSaveBanner } from "@/components/ui/form-parts";
import { lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/fetch-json";
import { useSettings, useUpdateSettings } from "@/lib/client/settings";
import type { ServiceSettings } from "@/lib/issuing";
import {
  SETTINGS_FIELDS,
  type SettingsDto,
  type TUpdateSettingsRequest,
  ZUpdateSettingsRequest,
} from "@/lib/settings/schemas";

/** The update's input: lifetimes in human units, and the version being edited (sent back: see lib/db/versioned.ts). */
type SettingsFormValues = z.input<typeof ZUpdateSettingsRequest>;

const toFormValues = (settings: SettingsDto): SettingsFormValues => ({
  ...(Object.fromEntries(SETTINGS_FIELDS.map(({ key }) => [key, lifetimeText(settings[key])])) as Record<
    keyof ServiceSettings,
    string
  >),
  version: settings.version,
});

export function SettingsPage() {
  const settings = useSettings();
  return (
    <main className="page">
      <h1>Settings</h1>
      <p className="page-intro">
        Service-wide token lifetimes. An API's defaults replace the access and refresh lifetimes for its scopes; the
        most restrictive setting of the service or API default, the scopes and the client wins.
      </p>
      {settings.isPending && <p aria-busy="true">Loading the settings…</p>}
      {settings.isError && (
        <div role="alert" className="banner banner-error">
          Could not load the settings: {settings.error.message}
        </div>
      )}
      {settings.data && <SettingsForm settings={settings.data} />}
    </main>
  );
}

function SettingsForm({ settings }: { settings: SettingsDto }) {
  const updateSettings = useUpdateSettings();
  const current = useSettings();
  const notify = useToast();
  const form = useForm<SettingsFormValues, unknown, TUpdateSettingsRequest>({
    resolver: zodResolver(ZUpdateSettingsRequest),
    defaultValues: toFormValues(settings),
  });
  const banner = useSaveBanner(
    async () => (await current.refetch({ throwOnError: true })).data as SettingsDto,
    (fresh) => form.reset(toFormValues(fresh)),
  );
  const setBanner = banner.show;
  const { isSubmitting, isDirty } = form.formState;
  useUnsavedChanges(isDirty);
  const admin = useIsAdmin();

  const onValid = async (values: TUpdateSettingsRequest) => {
    setBanner(null);
    try {
      form.reset(toFormValues(await updateSettings.mutateAsync(values)));
      notify("Settings saved.");
    } catch (error) {
      setBanner(error instanceof ApiError ? error.message : "The settings could not be saved.", error);
    }
  };

  return (
    <section aria-label="Token lifetimes" className="panel">
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
          <FormBanner message={banner.message} onReload={banner.onReload} />
          {!admin && <p className="field-hint">Only an admin can change the service settings.</p>}
          <fieldset disabled={isSubmitting || !admin} className="form-fields form-grid">
            {SETTINGS_FIELDS.map(({ key, label, hint }) => (
              <FormField
                key={key}
                control={form.control}
                name={key}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{label}</FormLabel>
                    <FormControl>
                      {/* The form holds text; a number is only what the JSON API may send. */}
                      <input {...field} value={field.value ?? ""} autoComplete="off" placeholder="e.g. 1 h" />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>{hint}</FormDescription>
                  </FormItem>
                )}
              />
            ))}
          </fieldset>
          {admin && (
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={isSubmitting || !isDirty}>
                {isSubmitting ? "Saving…" : "Save"}
              </button>
            </div>
          )}
        </form>
      </Form>
    </section>
  );
}
