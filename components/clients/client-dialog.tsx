"use client";
// The "Client" dialog: registers a client or edits one (its type is fixed once created).
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useLifetimeLock } from "@/components/auth/viewer";
import { ScopePicker } from "@/components/clients/scope-picker";
import { FormDialog } from "@/components/ui/dialog";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormFields,
  FormFieldset,
  FormItem,
  FormLabel,
  FormMessage,
  FormRow,
  listOptionProps,
} from "@/components/ui/form";
import { DialogFormActions, FormBanner, showServerErrors, useSaveBanner } from "@/components/ui/form-parts";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { LifetimeReading, lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { useCreateClient, useReloadClient, useUpdateClient } from "@/lib/client/clients";
import { CLIENT_TYPES, type ClientDto, type ClientWithSecret, ZCreateClientRequest } from "@/lib/clients/schemas";
import { GRANT_TYPES } from "@/lib/issuing";
import { ZVersion } from "@/lib/validation";

/**
 * The dialog's fields, adding or editing: a new client's (redirect URIs one per line, scopes picked
 * from the scopes that exist, lifetimes in human units), and the version an edit was made from, sent back
 * so that a newer save by someone else is not overwritten. An edit sends every field, so the rules
 * across fields that the server checks on the merged client hold for the form as they are.
 */
const ZClientForm = ZCreateClientRequest.safeExtend({ version: ZVersion.optional() });
type ClientFormValues = z.input<typeof ZClientForm>;
type ClientFormOutput = z.output<typeof ZClientForm>;

const EMPTY_CLIENT: ClientFormValues = {
  name: "",
  type: "confidential",
  redirectUris: "",
  postLogoutRedirectUris: "",
  allowedScopes: [],
  allowedGrantTypes: ["authorization_code", "refresh_token"],
  accessTokenLifetime: "",
  refreshTokenLifetime: "",
};

const toFormValues = (client: ClientDto): ClientFormValues => ({
  name: client.name,
  type: client.type,
  redirectUris: client.redirectUris.join("\n"),
  postLogoutRedirectUris: client.postLogoutRedirectUris.join("\n"),
  allowedScopes: client.allowedScopes,
  allowedGrantTypes: client.allowedGrantTypes,
  accessTokenLifetime: lifetimeText(client.accessTokenLifetime),
  refreshTokenLifetime: lifetimeText(client.refreshTokenLifetime),
  version: client.version,
});

interface ClientDialogProps {
  client: ClientDto | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called with a new client and its secret, to show the secret once. */
  onCreated: (client: ClientWithSecret) => void;
}

export function ClientDialog({ client, open, onOpenChange, onCreated }: ClientDialogProps) {
  const createClient = useCreateClient();
  const updateClient = useUpdateClient();
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Client"
      busy={createClient.isPending || updateClient.isPending}
    >
      <ClientForm
        key={client?.id ?? "new"}
        client={client}
        save={async (values) => {
          // The version the form holds: the one opened, or the one "Reload" loaded after a conflict.
          if (client)
            return updateClient.mutateAsync({
              id: client.id,
              input: { ...values, version: values.version ?? client.version },
            });
          const created = await createClient.mutateAsync(values);
          onCreated(created);
          return created;
        }}
        onDone={() => onOpenChange(false)}
      />
    </FormDialog>
  );
}

interface ClientFormProps {
  client: ClientDto | null;
  save: (values: ClientFormOutput) => Promise<ClientDto>;
  onDone: () => void;
}

function ClientForm({ client, save, onDone }: ClientFormProps) {
  const lock = useLifetimeLock();
  const notify = useToast();
  const form = useForm<ClientFormValues, unknown, ClientFormOutput>({
    resolver: zodResolver(ZClientForm),
    defaultValues: client ? toFormValues(client) : EMPTY_CLIENT,
  });
  const reloadClient = useReloadClient();
  const banner = useSaveBanner(
    () => reloadClient(client?.id ?? ""),
    (current) => form.reset(toFormValues(current)),
  );
  const setBanner = banner.show;
  const { isSubmitting, isDirty } = form.formState;

  const onValid = async (values: ClientFormOutput) => {
    setBanner(null);
    try {
      const saved = await save(values);
      notify(client ? `Client "${saved.name}" saved.` : `Client "${saved.name}" added.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_CLIENT, "The client could not be saved."), error);
    }
  };

  return (
    <Form {...form}>
      <form
        noValidate
        onSubmit={form.handleSubmit(onValid, () =>
          setBanner("The client was not saved. Correct the fields marked below."),
        )}
      >
        <FormBanner message={banner.message} onReload={banner.onReload} />
        <FormFields disabled={isSubmitting}>
          <FormField
            control={form.control}
            name="name"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Name</FormLabel>
                <FormControl>
                  <Input {...field} autoComplete="off" />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="type"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Type</FormLabel>
                <FormControl>
                  <NativeSelect {...field} disabled={Boolean(client)}>
                    {CLIENT_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </NativeSelect>
                </FormControl>
                <FormMessage />
                <FormDescription>
                  Confidential clients authenticate with a secret; public clients (apps in a browser or on a device) use
                  PKCE.
                </FormDescription>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="redirectUris"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Redirect URIs</FormLabel>
                <FormControl>
                  <Textarea {...field} rows={3} spellCheck={false} />
                </FormControl>
                <FormMessage />
                <FormDescription>
                  One per line, matched exactly: https, or http on localhost or 127.0.0.1.
                </FormDescription>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="postLogoutRedirectUris"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Post-logout redirect URIs</FormLabel>
                <FormControl>
                  <Textarea {...field} rows={2} spellCheck={false} />
                </FormControl>
                <FormMessage />
                <FormDescription>
                  Where the application may send people back after they sign out (post_logout_redirect_uri): one per
                  line, matched exactly, same rules as redirect URIs.
                </FormDescription>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="allowedScopes"
            render={({ field }) => <ScopePicker value={field.value as string[]} onChange={field.onChange} />}
          />
          <FormField
            control={form.control}
            name="allowedGrantTypes"
            render={({ field }) => (
              <FormFieldset legend="Allowed grant types">
                {GRANT_TYPES.map((grantType) => (
                  <FormItem key={grantType} variant="checkbox">
                    <FormControl>
                      <input {...listOptionProps(field, grantType)} />
                    </FormControl>
                    <div>
                      <FormLabel>{grantType}</FormLabel>
                    </div>
                  </FormItem>
                ))}
                <FormMessage />
              </FormFieldset>
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
                    {/* The form holds text; null is only the JSON API's "no limit". */}
                    <Input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 15 min" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>
                    <LifetimeReading value={field.value} />
                    {lock.hint("Blank: no limit of the client's own.")}
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
                    {lock.hint("Blank: no limit of the client's own.")}
                  </FormDescription>
                </FormItem>
              )}
            />
          </FormRow>
        </FormFields>
        <DialogFormActions
          busy={isSubmitting}
          onClose={onDone}
          dirty={isDirty}
          unchanged={Boolean(client) && !isDirty}
        />
      </form>
    </Form>
  );
}
