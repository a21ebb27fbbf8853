"use client";
// The Settings page: service-wide token lifetimes, entered in human units.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useIsAdmin } from "@/components/auth/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useUnsavedChanges } from "@/components/ui/dialog";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormFields,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { FormActions, FormBanner, useSaveBanner } from "@/components/ui/form-parts";
import { Input } from "@/components/ui/input";
import { LifetimeReading, lifetimeText } from "@/components/ui/lifetime";
import { Page, PageHeader } from "@/components/ui/page";
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
    <Page>
      <PageHeader
        title="Settings"
        description="Service-wide token lifetimes. An API's defaults replace the access and refresh lifetimes for its scopes; the most restrictive setting of the service or API default, the scopes and the client wins."
      />
      {settings.isPending && <p aria-busy="true">Loading the settings…</p>}
      {settings.isError && <Alert role="alert">Could not load the settings: {settings.error.message}</Alert>}
      {settings.data && <SettingsForm settings={settings.data} />}
    </Page>
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
    <Card aria-label="Token lifetimes">
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
          <FormBanner message={banner.message} onReload={banner.onReload} />
          {!admin && (
            <p className="mb-4 text-muted-foreground text-sm">Only an admin can change the service settings.</p>
          )}
          <FormFields disabled={isSubmitting || !admin} className="sm:grid-cols-2 lg:grid-cols-3">
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
                      <Input {...field} value={field.value ?? ""} autoComplete="off" placeholder="e.g. 1 h" />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>
                      <LifetimeReading value={field.value} />
                      {hint}
                    </FormDescription>
                  </FormItem>
                )}
              />
            ))}
          </FormFields>
          {admin && (
            <FormActions>
              <Button type="submit" disabled={isSubmitting || !isDirty}>
                {isSubmitting ? "Saving…" : "Save"}
              </Button>
            </FormActions>
          )}
        </form>
      </Form>
    </Card>
  );
}
