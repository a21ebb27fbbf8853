"use client";
// The "API Scope" dialog: adds a scope, or edits one with its name read-only.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useLifetimeLock } from "@/components/auth/viewer";
import { FormDialog } from "@/components/ui/dialog";
import {
  checkboxProps,
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { useCreateScope, useUpdateScope } from "@/lib/client/scopes";
import { displayNameHint, scopeNameHint } from "@/lib/scopes/guidelines";
import { type ScopeDto, ZCreateScopeRequest } from "@/lib/scopes/schemas";
import { ZVersion } from "@/lib/validation";

/**
 * The dialog's fields, adding or editing: a new scope's (lifetimes in human units, blank inherits),
 * and the version an edit was made from, sent back so that a newer save by someone else is not
 * overwritten. An edit's name is read-only and was checked as this one when the scope was added.
 */
const ZScopeForm = ZCreateScopeRequest.extend({ version: ZVersion.optional() });
type ScopeFormValues = z.input<typeof ZScopeForm>;
type ScopeFormOutput = z.output<typeof ZScopeForm>;

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
  const save = (values: ScopeFormOutput) =>
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
  save: (values: ScopeFormOutput) => Promise<ScopeDto>;
  inherited: InheritedLifetimes | null;
  onDone: () => void;
}

function ScopeForm({ scope, save, inherited, onDone }: ScopeFormProps) {
  const notify = useToast();
  const lock = useLifetimeLock();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<ScopeFormValues, unknown, ScopeFormOutput>({
    resolver: zodResolver(ZScopeForm),
    defaultValues: scope ? pickFormValues(scope) : EMPTY_SCOPE,
  });
  const { isSubmitting } = form.formState;
  const [name, displayName] = form.watch(["name", "displayName"]);

  const onValid = async (values: ScopeFormOutput) => {
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
    <Form {...form}>
      <form noValidate onSubmit={form.handleSubmit(onValid, onInvalid)}>
        <FormBanner message={banner} />
        <fieldset disabled={isSubmitting} className="form-fields">
          <FormField
            control={form.control}
            name="name"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Name</FormLabel>
                <FormControl>
                  <input {...field} readOnly={Boolean(scope)} autoComplete="off" spellCheck={false} />
                </FormControl>
                <FormMessage />
                <FormDescription>
                  {scope ? "The name is what clients request; it cannot be changed." : scopeNameHint(name)}
                </FormDescription>
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
                  <input {...field} autoComplete="off" />
                </FormControl>
                <FormMessage />
                <FormDescription>{displayNameHint(displayName ?? "")}</FormDescription>
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
                  <textarea {...field} rows={3} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="required"
            render={({ field }) => (
              <FormItem className="checkbox-field">
                <FormControl>
                  <input {...checkboxProps(field)} />
                </FormControl>
                <div>
                  <FormLabel>Required</FormLabel>
                  <FormDescription>Granted to every client that may use it; users cannot untick it.</FormDescription>
                </div>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="emphasize"
            render={({ field }) => (
              <FormItem className="checkbox-field">
                <FormControl>
                  <input {...checkboxProps(field)} />
                </FormControl>
                <div>
                  <FormLabel>Emphasize</FormLabel>
                  <FormDescription>Shown first and highlighted on the consent screen.</FormDescription>
                </div>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="showInDiscoveryDocument"
            render={({ field }) => (
              <FormItem className="checkbox-field">
                <FormControl>
                  <input {...checkboxProps(field)} />
                </FormControl>
                <div>
                  <FormLabel>Show in discovery document</FormLabel>
                  <FormDescription>Listed in scopes_supported of the discovery document.</FormDescription>
                </div>
              </FormItem>
            )}
          />
          <div className="form-row">
            <FormField
              control={form.control}
              name="accessTokenLifetime"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Access token lifetime</FormLabel>
                  <FormControl>
                    {/* The form holds text; null is only the JSON API's "inherit". */}
                    <input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 10 min" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>{lock.hint(inherited?.access)}</FormDescription>
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
                    <input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 1 d" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>{lock.hint(inherited?.refresh)}</FormDescription>
                </FormItem>
              )}
            />
          </div>
        </fieldset>
        <DialogFormActions busy={isSubmitting} onClose={onDone} />
      </form>
    </Form>
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
