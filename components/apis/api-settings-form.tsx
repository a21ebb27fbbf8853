"use client";
// The Settings tab of an API: its display name, description and resource identifier (the name is
// read-only, and so is the built-in API's resource identifier).
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useLifetimeLock } from "@/components/auth/viewer";
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
  FormRow,
} from "@/components/ui/form";
import { FormActions, FormBanner, showServerErrors, useSaveBanner } from "@/components/ui/form-parts";
import { Input, Textarea } from "@/components/ui/input";
import { inheritHint, LifetimeReading, lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { type ApiDto, type TUpdateApiRequest, ZUpdateApiRequest } from "@/lib/apis/schemas";
import { useApi, useUpdateApi } from "@/lib/client/apis";
import { ApiError } from "@/lib/client/fetch-json";
import { useSettings } from "@/lib/client/settings";

/** The update's input: lifetimes in human units (blank inherits the service's), and the version being edited. */
type SettingsValues = z.input<typeof ZUpdateApiRequest>;

const toFormValues = (api: ApiDto): SettingsValues => ({
  name: api.name,
  displayName: api.displayName,
  description: api.description,
  resourceUri: api.resourceUri,
  accessTokenLifetime: lifetimeText(api.accessTokenLifetime),
  refreshTokenLifetime: lifetimeText(api.refreshTokenLifetime),
  version: api.version,
});

export function ApiSettingsForm({ api }: { api: ApiDto }) {
  const updateApi = useUpdateApi(api.id);
  const settings = useSettings().data;
  const notify = useToast();
  const lock = useLifetimeLock();
  const current = useApi(api.id);
  const form = useForm<SettingsValues, unknown, TUpdateApiRequest>({
    resolver: zodResolver(ZUpdateApiRequest),
    defaultValues: toFormValues(api),
  });
  const banner = useSaveBanner(
    async () => (await current.refetch({ throwOnError: true })).data as ApiDto,
    (fresh) => form.reset(toFormValues(fresh)),
  );
  const setBanner = banner.show;
  const { isSubmitting, isDirty } = form.formState;
  useUnsavedChanges(isDirty);

  const onValid = async (values: TUpdateApiRequest) => {
    setBanner(null);
    try {
      const saved = await updateApi.mutateAsync(values);
      form.reset(toFormValues(saved));
      notify(`API "${saved.name}" saved.`);
    } catch (error) {
      const message = showServerErrors(form, error, toFormValues(api), "The API could not be saved.");
      setBanner(error instanceof ApiError ? message : "The API could not be saved.", error);
    }
  };

  return (
    <Card aria-label="Settings">
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
          <FormBanner message={banner.message} onReload={banner.onReload} />
          <FormFields disabled={isSubmitting}>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Name</FormLabel>
                  <FormControl>
                    <Input {...field} readOnly />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>The API's identifier; it cannot be changed.</FormDescription>
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="displayName"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Display Name</FormLabel>
                  <FormControl>
                    <Input {...field} autoComplete="off" />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="description"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Description</FormLabel>
                  <FormControl>
                    <Textarea {...field} rows={3} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="resourceUri"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Resource identifier</FormLabel>
                  <FormControl>
                    <Input {...field} readOnly={api.builtIn} autoComplete="off" spellCheck={false} />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>
                    {api.builtIn
                      ? "The console's own API keeps its identifier: its admin API accepts tokens for it."
                      : "An absolute URI, unique among APIs. A client that sends it as resource (RFC 8707) gets a token for this API alone, with it as the audience."}
                  </FormDescription>
                </FormItem>
              )}
            />
            <FormRow>
              <FormField
                control={form.control}
                name="accessTokenLifetime"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Access token lifetime</FormLabel>
                    <FormControl>
                      {/* The form holds text; null is only the JSON API's "inherit". */}
                      <Input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 1 h" />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>
                      <LifetimeReading value={field.value} />
                      {lock.hint(settings ? inheritHint(settings.accessTokenLifetime, "the service") : null)}
                    </FormDescription>
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="refreshTokenLifetime"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Refresh token lifetime</FormLabel>
                    <FormControl>
                      <Input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 1 d" />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>
                      <LifetimeReading value={field.value} />
                      {lock.hint(settings ? inheritHint(settings.refreshTokenLifetime, "the service") : null)}
                    </FormDescription>
                  </FormItem>
                )}
              />
            </FormRow>
          </FormFields>
          <FormActions>
            <Button type="submit" disabled={isSubmitting || !isDirty}>
              {isSubmitting ? "Saving…" : "Save"}
            </Button>
          </FormActions>
        </form>
      </Form>
    </Card>
  );
}
