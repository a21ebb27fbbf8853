"use client";
// The "API Scope" dialog: adds a scope, or edits one with its name read-only.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useFormState } from "react-hook-form";
import { z } from "zod";
import { useLifetimeLock } from "@/components/auth/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter, FormDialog } from "@/components/ui/dialog";
import {
  checkboxProps,
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
import { DialogFormActions, FormBanner, showServerErrors, useSaveBanner } from "@/components/ui/form-parts";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { LifetimeReading, lifetimeText } from "@/components/ui/lifetime";
import { useToast } from "@/components/ui/toast";
import { useCreateScope, useReloadScope, useScopeImpact, useUpdateScope } from "@/lib/client/scopes";
import { displayNameHint, scopeNameHint } from "@/lib/scopes/guidelines";
import { describeEditImpact } from "@/lib/scopes/impact";
import {
  LIFECYCLE_LABELS,
  SCOPE_LIFECYCLES,
  type ScopeDto,
  ZCreateScopeRequest,
  ZSunsetAt,
} from "@/lib/scopes/schemas";
import { ZVersion } from "@/lib/validation";

/**
 * The dialog's fields, adding or editing: a new scope's (lifetimes in human units, blank inherits),
 * and the version an edit was made from, sent back so that a newer save by someone else is not
 * overwritten. An edit's name is read-only and was checked as this one when the scope was added.
 */
const ZScopeForm = ZCreateScopeRequest.extend({
  version: ZVersion.optional(),
  // The sunset field is a local date and time (datetime-local); the API takes ISO 8601 with an offset.
  sunsetAt: z.preprocess(localToIso, ZSunsetAt).optional(),
});
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
  documentationUrl: "",
  lifecycle: "active",
  sunsetAt: "",
  replacedBy: "",
  deprecationNote: "",
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
  const save = (form: ScopeFormOutput) => {
    const values = lifecycleValues(form);
    return scope
      ? // The version the form holds: the one opened, or the one "Reload" loaded after a conflict.
        updateScope.mutateAsync({ id: scope.id, input: { ...values, version: values.version ?? scope.version } })
      : createScope.mutateAsync(values);
  };
  const retired = scope?.lifecycle === "retired";
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={retired ? "API Scope (retired)" : "API Scope"}
      busy={createScope.isPending || updateScope.isPending}
    >
      {/* Keyed so that each opening starts from the scope's current values. */}
      <ScopeForm
        key={scope?.id ?? "new"}
        apiId={apiId}
        scope={scope}
        save={save}
        inherited={inherited}
        onDone={() => onOpenChange(false)}
      />
    </FormDialog>
  );
}

interface ScopeFormProps {
  apiId: string;
  scope: ScopeDto | null;
  save: (values: ScopeFormOutput) => Promise<ScopeDto>;
  inherited: InheritedLifetimes | null;
  onDone: () => void;
}

function ScopeForm({ apiId, scope, save, inherited, onDone }: ScopeFormProps) {
  const notify = useToast();
  const lock = useLifetimeLock();
  const form = useForm<ScopeFormValues, unknown, ScopeFormOutput>({
    resolver: zodResolver(ZScopeForm),
    defaultValues: scope ? pickFormValues(scope) : EMPTY_SCOPE,
  });
  const reloadScope = useReloadScope(apiId);
  const banner = useSaveBanner(
    () => reloadScope(scope?.id ?? ""),
    (current) => form.reset(pickFormValues(current)),
  );
  const setBanner = banner.show;
  const { isSubmitting, isDirty } = form.formState;
  const [name, displayName, lifecycle] = form.watch(["name", "displayName", "lifecycle"]);
  // A retired scope stays visible, read-only, so that its history and usage remain.
  const readOnly = scope?.lifecycle === "retired";

  const onValid = async (values: ScopeFormOutput) => {
    setBanner(null);
    try {
      const saved = await save(values);
      notify(scope ? `Scope "${saved.name}" saved.` : `Scope "${saved.name}" added.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_SCOPE, "The scope could not be saved."), error);
    }
  };

  const onInvalid = () => setBanner("The scope was not saved. Correct the fields marked below.");

  return (
    <Form {...form}>
      <form noValidate onSubmit={form.handleSubmit(onValid, onInvalid)}>
        <FormBanner message={banner.message} onReload={banner.onReload} />
        {readOnly && (
          <Alert variant="warning">
            This scope is retired: it is never granted again and can no longer be changed.
          </Alert>
        )}
        <FormFields disabled={isSubmitting || readOnly}>
          <FormField
            control={form.control}
            name="name"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Name</FormLabel>
                <FormControl>
                  <Input {...field} readOnly={Boolean(scope)} autoComplete="off" spellCheck={false} />
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
                  <Input {...field} autoComplete="off" />
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
                  <Textarea {...field} rows={3} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="required"
            render={({ field }) => (
              <FormItem variant="checkbox">
                <FormControl>
                  <input {...checkboxProps(field)} />
                </FormControl>
                <div>
                  <FormLabel>Required</FormLabel>
                  <FormDescription>
                    Granted to every client that may use it (an OpenID Connect scope such as openid only when asked
                    for); users cannot untick it.
                  </FormDescription>
                </div>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="emphasize"
            render={({ field }) => (
              <FormItem variant="checkbox">
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
              <FormItem variant="checkbox">
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
          <FormField
            control={form.control}
            name="documentationUrl"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Documentation URL</FormLabel>
                <FormControl>
                  <Input
                    {...field}
                    value={(field.value as string | null | undefined) ?? ""}
                    type="url"
                    placeholder="https://"
                    autoComplete="off"
                  />
                </FormControl>
                <FormMessage />
                <FormDescription>
                  Where its users read about it; a deprecated scope that it replaces links here.
                </FormDescription>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="lifecycle"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Lifecycle</FormLabel>
                <FormControl>
                  <NativeSelect {...field}>
                    {SCOPE_LIFECYCLES.map((value) => (
                      <option key={value} value={value}>
                        {LIFECYCLE_LABELS[value]}
                      </option>
                    ))}
                  </NativeSelect>
                </FormControl>
                <FormMessage />
                <FormDescription>
                  {lifecycle === "deprecated"
                    ? "Still granted until its sunset, then retired. Clients see Deprecation and Sunset headers."
                    : lifecycle === "retired"
                      ? "Retiring is one way: the scope is never granted again and becomes read-only."
                      : "Deprecate a scope that clients still use rather than delete it."}
                </FormDescription>
              </FormItem>
            )}
          />
          {lifecycle === "deprecated" && (
            <>
              <FormField
                control={form.control}
                name="sunsetAt"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Sunset</FormLabel>
                    <FormControl>
                      <Input {...field} value={(field.value as string | null) ?? ""} type="datetime-local" />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>When it is retired, in your time zone. It can be moved later.</FormDescription>
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="replacedBy"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Replaced by</FormLabel>
                    <FormControl>
                      <Input
                        {...field}
                        value={(field.value as string | null | undefined) ?? ""}
                        autoComplete="off"
                        spellCheck={false}
                      />
                    </FormControl>
                    <FormMessage />
                    <FormDescription>The name of the scope clients should request instead (optional).</FormDescription>
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="deprecationNote"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Deprecation note</FormLabel>
                    <FormControl>
                      <Textarea {...field} rows={2} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </>
          )}
          <FormRow>
            <FormField
              control={form.control}
              name="accessTokenLifetime"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Access token lifetime</FormLabel>
                  <FormControl>
                    {/* The form holds text; null is only the JSON API's "inherit". */}
                    <Input {...field} value={field.value ?? ""} {...lock.input} placeholder="e.g. 10 min" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>
                    <LifetimeReading value={field.value} />
                    {lock.hint(inherited?.access)}
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
                    {lock.hint(inherited?.refresh)}
                  </FormDescription>
                </FormItem>
              )}
            />
          </FormRow>
        </FormFields>
        {scope && !readOnly && <EditImpact apiId={apiId} scopeId={scope.id} />}
        {readOnly ? (
          <DialogFooter>
            <Button onClick={onDone}>Close</Button>
          </DialogFooter>
        ) : (
          <DialogFormActions
            busy={isSubmitting}
            onClose={onDone}
            dirty={isDirty}
            unchanged={Boolean(scope) && !isDirty}
          />
        )}
      </form>
    </Form>
  );
}

/**
 * Before an edit of what decides tokens (Required, the lifetimes) is saved: how many clients and
 * live grants it reaches. Read inside the form, whose dirty fields say whether it applies.
 */
function EditImpact({ apiId, scopeId }: { apiId: string; scopeId: string }) {
  const { dirtyFields } = useFormState<ScopeFormValues>();
  const reaches = Boolean(dirtyFields.required || dirtyFields.accessTokenLifetime || dirtyFields.refreshTokenLifetime);
  const impact = useScopeImpact(apiId, reaches ? scopeId : null);
  if (!reaches) return null;
  return (
    <Alert variant="warning" aria-live="polite" className="mt-4 mb-0">
      {impact.data ? describeEditImpact(impact.data) : "Checking what this change reaches…"}
    </Alert>
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
  documentationUrl: scope.documentationUrl ?? "",
  lifecycle: scope.lifecycle,
  sunsetAt: isoToLocal(scope.sunsetAt),
  replacedBy: scope.replacedBy ?? "",
  deprecationNote: scope.deprecationNote,
  version: scope.version,
});

/**
 * Only a deprecated scope has a sunset, a replacement and a note: undoing a deprecation clears
 * them, and a scope is retired as it is (the server sets when).
 */
function lifecycleValues(form: ScopeFormOutput): ScopeFormOutput {
  if (form.lifecycle === "deprecated") return form;
  if (form.lifecycle === "retired")
    return { ...form, sunsetAt: undefined, replacedBy: undefined, deprecationNote: undefined };
  return { ...form, sunsetAt: null, replacedBy: null, deprecationNote: "" };
}

/** An ISO instant as a datetime-local value in the browser's time zone ("2027-01-31T09:30"). */
function isoToLocal(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A datetime-local value as an ISO instant; anything else (blank, a full ISO value) passes through. */
function localToIso(value: unknown): unknown {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
