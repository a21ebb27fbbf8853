"use client";
// The "Client" dialog: registers a client or edits one (its type is fixed once created).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { useLifetimeLock } from "@/components/auth/viewer";
import { FormDialog } from "@/components/ui/dialog";
import { CheckboxField, Field } from "@/components/ui/field";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { lifetimeText } from "@/components/ui/lifetime";
import { useCreateClient, useUpdateClient } from "@/lib/client/clients";
import {
  CLIENT_TYPES,
  type ClientDto,
  type ClientWithSecret,
  type TCreateClientRequest,
  ZCreateClientRequest,
  ZUpdateClientRequest,
} from "@/lib/clients/schemas";
import { GRANT_TYPES } from "@/lib/issuing";

interface ClientFormValues {
  name: string;
  type: (typeof CLIENT_TYPES)[number];
  /** One per line. */
  redirectUris: string;
  /** Separated by spaces or lines. */
  allowedScopes: string;
  allowedGrantTypes: string[];
  accessTokenLifetime: string;
  refreshTokenLifetime: string;
  /** The version being edited, sent back so that a newer save by someone else is not overwritten. */
  version?: number;
}

const EMPTY_CLIENT: ClientFormValues = {
  name: "",
  type: "confidential",
  redirectUris: "",
  allowedScopes: "",
  allowedGrantTypes: ["authorization_code", "refresh_token"],
  accessTokenLifetime: "",
  refreshTokenLifetime: "",
};

const toFormValues = (client: ClientDto): ClientFormValues => ({
  name: client.name,
  type: client.type,
  redirectUris: client.redirectUris.join("\n"),
  allowedScopes: client.allowedScopes.join(" "),
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
          if (client) return updateClient.mutateAsync({ id: client.id, input: { ...values, version: client.version } });
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
  save: (values: TCreateClientRequest) => Promise<ClientDto>;
  onDone: () => void;
}

function ClientForm({ client, save, onDone }: ClientFormProps) {
  const lock = useLifetimeLock();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ClientFormValues, unknown, TCreateClientRequest>({
    resolver: zodResolver(client ? ZUpdateClientRequest : ZCreateClientRequest) as unknown as Resolver<
      ClientFormValues,
      unknown,
      TCreateClientRequest
    >,
    defaultValues: client ? toFormValues(client) : EMPTY_CLIENT,
  });
  const { errors, isSubmitting } = form.formState;
  const fieldError = (name: keyof ClientFormValues) => {
    const error = errors[name] as { message?: string } | Array<{ message?: string }> | undefined;
    if (!error) return undefined;
    return Array.isArray(error) ? error.find(Boolean)?.message : error.message;
  };

  const onValid = async (values: TCreateClientRequest) => {
    setBanner(null);
    try {
      await save(values);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_CLIENT, "The client could not be saved."));
    }
  };

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(onValid, () =>
        setBanner("The client was not saved. Correct the fields marked below."),
      )}
    >
      <FormBanner message={banner} />
      <fieldset disabled={isSubmitting} className="form-fields">
        <Field id="client-name" label="Name" error={fieldError("name")}>
          <input {...form.register("name")} autoComplete="off" />
        </Field>
        <Field
          id="client-type"
          label="Type"
          error={fieldError("type")}
          hint="Confidential clients authenticate with a secret; public clients (apps in a browser or on a device) use PKCE."
        >
          <select {...form.register("type")} disabled={Boolean(client)}>
            {CLIENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="client-redirect-uris"
          label="Redirect URIs"
          error={fieldError("redirectUris")}
          hint="One per line, matched exactly: https, or http on localhost or 127.0.0.1."
        >
          <textarea {...form.register("redirectUris")} rows={3} spellCheck={false} />
        </Field>
        <Field
          id="client-scopes"
          label="Allowed scopes"
          error={fieldError("allowedScopes")}
          hint="Scope names of any API, separated by spaces."
        >
          <textarea {...form.register("allowedScopes")} rows={2} spellCheck={false} />
        </Field>
        <fieldset
          className="checkbox-group"
          aria-describedby={errors.allowedGrantTypes ? "client-grants-error" : undefined}
        >
          <legend>Allowed grant types</legend>
          {GRANT_TYPES.map((grantType) => (
            <CheckboxField key={grantType} id={`client-grant-${grantType}`} label={grantType}>
              <input {...form.register("allowedGrantTypes")} value={grantType} />
            </CheckboxField>
          ))}
          {fieldError("allowedGrantTypes") && (
            <p id="client-grants-error" className="field-error">
              {fieldError("allowedGrantTypes")}
            </p>
          )}
        </fieldset>
        <div className="form-row">
          <Field
            id="client-access-lifetime"
            label="Access token lifetime"
            error={fieldError("accessTokenLifetime")}
            hint={lock.hint("Blank: no limit of the client's own.")}
          >
            <input {...form.register("accessTokenLifetime")} {...lock.input} placeholder="e.g. 15 min" />
          </Field>
          <Field
            id="client-refresh-lifetime"
            label="Refresh token lifetime"
            error={fieldError("refreshTokenLifetime")}
            hint={lock.hint("Blank: no limit of the client's own.")}
          >
            <input {...form.register("refreshTokenLifetime")} {...lock.input} placeholder="e.g. 1 d" />
          </Field>
        </div>
      </fieldset>
      <DialogFormActions busy={isSubmitting} onClose={onDone} />
    </form>
  );
}
