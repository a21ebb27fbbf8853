"use client";
// The "API" dialog: registers a new API.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormDialog } from "@/components/ui/dialog";
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
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { type TCreateApiRequest, ZCreateApiRequest } from "@/lib/apis/schemas";
import { useCreateApi } from "@/lib/client/apis";
import { defaultResourceUri } from "@/lib/issuing";

/** The request's own input type (the dialog sets no lifetimes: the Settings tab does). */
type ApiFormValues = z.input<typeof ZCreateApiRequest>;
const EMPTY_API: ApiFormValues = { name: "", displayName: "", description: "" };

export function ApiDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const createApi = useCreateApi();
  const notify = useToast();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ApiFormValues, unknown, TCreateApiRequest>({
    resolver: zodResolver(ZCreateApiRequest),
    defaultValues: EMPTY_API,
  });
  const { isSubmitting, isDirty } = form.formState;

  const close = (next: boolean) => {
    if (!next) {
      form.reset(EMPTY_API);
      setBanner(null);
    }
    onOpenChange(next);
  };

  const onValid = async (values: TCreateApiRequest) => {
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
      <Form {...form}>
        <form
          noValidate
          onSubmit={form.handleSubmit(onValid, () =>
            setBanner("The API was not saved. Correct the fields marked below."),
          )}
        >
          <FormBanner message={banner} />
          <FormFields disabled={isSubmitting}>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Name</FormLabel>
                  <FormControl>
                    <Input {...field} autoComplete="off" spellCheck={false} />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>The API's identifier, for example invoices.</FormDescription>
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
                    <Input
                      {...field}
                      // Empty is no value: the server gives the default, which the placeholder shows.
                      value={field.value ?? ""}
                      onChange={(event) => field.onChange(event.target.value || undefined)}
                      placeholder={defaultResourceUri(form.watch("name") || "name")}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>
                    Optional: an absolute URI that clients send as resource (RFC 8707), for example
                    https://invoices.example.com. Leave it empty for the default shown; the Settings tab changes it
                    later.
                  </FormDescription>
                </FormItem>
              )}
            />
          </FormFields>
          <DialogFormActions busy={isSubmitting} onClose={() => close(false)} dirty={isDirty} />
        </form>
      </Form>
    </FormDialog>
  );
}
