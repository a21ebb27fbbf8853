"use client";
// The "API Scope" dialog: adds a scope, or edits one with its name read-only.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { useLifetimeLock } from "@/components/auth/viewer";
import { FormDialog } from "@/components/ui/dialog";
import { CheckboxField, Field } from "@/components/ui/field";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { useCreateScope, useUpdateScope } from "@/lib/client/scopes";
import { displayNameHint, scopeNameHint } from "@/lib/scopes/guidelines";
import {
  type ScopeDto,
  type TCreateScopeRequest,
  ZCreateScopeRequest,
  ZUpdateScopeRequest,
} from "@/lib/scopes/schemas";

interface ScopeFormValues {
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  emphasize: boolean;
  showInDiscoveryDocument: boolean;
  /** Human units ("10 min"); blank inherits. */
  accessTokenLifetime: string;
  refreshTokenLifetime: string;
  /** The version being edited, sent back so that a newer save by someone else is not overwritten. */
  version?: number;
}

const EMPTY_SCOPE: ScopeFormValues = {
  name: "",
  displayName: "",
  description: "",
  required: false,
  emphasize: false,
  showInDiscoveryDocument: true,
  accessTokenLifetime: "",
  refreshTokenLifetime: "",
};

/** What a blank lifetime field would inherit, as hints. */
export interface InheritedLifetimes {
  access: string;
  refresh: string;
}

interface ScopeDialogProps {
  apiId: string;
  /** The scope to edit, or null to add one. */
  scope: ScopeDto | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  inherited: InheritedLifetimes | null;
}

export function ScopeDialog({ apiId, scope, open, onOpenChange, inherited }: ScopeDialogProps) {
  const createScope = useCreateScope(apiId);
  const updateScope = useUpdateScope(apiId);
  const save = (values: TCreateScopeRequest) =>
    scope
      ? updateScope.mutateAsync({ id: scope.id, input: { ...values, version: scope.version } })
      : createScope.mutateAsync(values);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="API Scope"
      busy={createScope.isPending || updateScope.isPending}
    >
      {/* Keyed so that each opening starts from the scope's current values. */}
      <ScopeForm
        key={scope?.id ?? "new"}
        scope={scope}
        save={save}
        inherited={inherited}
        onDone={() => onOpenChange(false)}
      />
    </FormDialog>
  );
}

interface ScopeFormProps {
  scope: ScopeDto | null;
  save: (values: TCreateScopeRequest) => Promise<ScopeDto>;
  inherited: InheritedLifetimes | null;
  onDone: () => void;
}

function ScopeForm({ scope, save, inherited, onDone }: ScopeFormProps) {
  const notify = useToast();
  const lock = useLifetimeLock();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ScopeFormValues, unknown, TCreateScopeRequest>({
    resolver: zodResolver(scope ? ZUpdateScopeRequest : ZCreateScopeRequest) as unknown as Resolver<
      ScopeFormValues,
      unknown,
      TCreateScopeRequest
    >,
    defaultValues: scope ? pickFormValues(scope) : EMPTY_SCOPE,
  });
  const { errors, isSubmitting } = form.formState;
  const [name, displayName] = form.watch(["name", "displayName"]);

  const onValid = async (values: TCreateScopeRequest) => {
    setBanner(null);
    try {
      const saved = await save(values);
      notify(scope ? `Scope "${saved.name}" saved.` : `Scope "${saved.name}" added.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_SCOPE, "The scope could not be saved."));
    }
  };

  const onInvalid = () => setBanner("The scope was not saved. Correct the fields marked below.");

  return (
    <form noValidate onSubmit={form.handleSubmit(onValid, onInvalid)}>
      <FormBanner message={banner} />
      <fieldset disabled={isSubmitting} className="form-fields">
        <Field
          id="scope-name"
          label="Name"
          error={errors.name?.message}
          hint={scope ? "The name is what clients request; it cannot be changed." : scopeNameHint(name)}
        >
          <input {...form.register("name")} readOnly={Boolean(scope)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field
          id="scope-display-name"
          label="Display Name"
          error={errors.displayName?.message}
          hint={displayNameHint(displayName)}
        >
          <input {...form.register("displayName")} autoComplete="off" />
        </Field>
        <Field id="scope-description" label="Description" error={errors.description?.message}>
          <textarea {...form.register("description")} rows={3} />
        </Field>
        <CheckboxField
          id="scope-required"
          label="Required"
          description="Granted to every client that may use it; users cannot untick it."
        >
          <input {...form.register("required")} />
        </CheckboxField>
        <CheckboxField
          id="scope-emphasize"
          label="Emphasize"
          description="Shown first and highlighted on the consent screen."
        >
          <input {...form.register("emphasize")} />
        </CheckboxField>
        <CheckboxField
          id="scope-discovery"
          label="Show in discovery document"
          description="Listed in scopes_supported of the discovery document."
        >
          <input {...form.register("showInDiscoveryDocument")} />
        </CheckboxField>
        <div className="form-row">
          <Field
            id="scope-access-lifetime"
            label="Access token lifetime"
            error={errors.accessTokenLifetime?.message}
            hint={lock.hint(inherited?.access)}
          >
            <input {...form.register("accessTokenLifetime")} {...lock.input} placeholder="e.g. 10 min" />
          </Field>
          <Field
            id="scope-refresh-lifetime"
            label="Refresh token lifetime"
            error={errors.refreshTokenLifetime?.message}
            hint={lock.hint(inherited?.refresh)}
          >
            <input {...form.register("refreshTokenLifetime")} {...lock.input} placeholder="e.g. 1 d" />
          </Field>
        </div>
      </fieldset>
      <DialogFormActions busy={isSubmitting} onClose={onDone} />
    </form>
  );
}

const pickFormValues = (scope: ScopeDto): ScopeFormValues => ({
  name: scope.name,
  displayName: scope.displayName,
  description: scope.description,
  required: scope.required,
  emphasize: scope.emphasize,
  showInDiscoveryDocument: scope.showInDiscoveryDocument,
  accessTokenLifetime: lifetimeText(scope.accessTokenLifetime),
  refreshTokenLifetime: lifetimeText(scope.refreshTokenLifetime),
  version: scope.version,
});
