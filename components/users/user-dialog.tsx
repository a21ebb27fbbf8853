"use client";
// The "User" dialog: adds a user (email, password, role, APIs) or changes a user's role and APIs.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useFormContext, useWatch } from "react-hook-form";
import type { z } from "zod";
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
  listOptionProps,
} from "@/components/ui/form";
import { DialogFormActions, FormBanner, showServerErrors, useSaveBanner } from "@/components/ui/form-parts";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { PASSWORD_HINT } from "@/lib/accounts/password-rules";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/accounts/roles";
import { useApis } from "@/lib/client/apis";
import { useCreateUser, useReloadUser, useUpdateUser } from "@/lib/client/users";
import {
  type TCreateUserRequest,
  type TUpdateUserRequest,
  type UserDto,
  ZCreateUserRequest,
  ZUpdateUserRequest,
} from "@/lib/users/schemas";
import { MAX_PAGE_SIZE } from "@/lib/validation";

type AddUserValues = z.input<typeof ZCreateUserRequest>;
const EMPTY_USER: AddUserValues = { email: "", password: "", role: "owner", apiIds: [] };

/** An edit changes the role and APIs, and sends the version it was made from. */
const ZEditUser = ZUpdateUserRequest.pick({ role: true, apiIds: true, version: true });
type EditUserValues = z.input<typeof ZEditUser>;
type EditUserOutput = z.output<typeof ZEditUser>;

/** The APIs an admin can assign, by name (the first MAX_PAGE_SIZE, sorted). */
export function useApiNames() {
  const apis = useApis({ page: 1, pageSize: MAX_PAGE_SIZE, q: "", sort: "name" });
  return apis.data?.items ?? [];
}

/** Only a service owner manages APIs: another role saves none, whatever was ticked before. */
const ownedApisOnly = <T extends { role?: Role; apiIds?: string[] }>(values: T): T => ({
  ...values,
  apiIds: values.role === "owner" ? values.apiIds : [],
});

export function UserDialog({ user, open, onClose }: { user: UserDto | null; open: boolean; onClose: () => void }) {
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title="User"
      busy={createUser.isPending || updateUser.isPending}
    >
      {/* Two forms, as adding and editing are two requests with their own fields and schemas. */}
      {user ? (
        <EditUserForm
          key={user.id}
          user={user}
          save={(input) => updateUser.mutateAsync({ id: user.id, input })}
          onDone={onClose}
        />
      ) : (
        <AddUserForm save={(input) => createUser.mutateAsync(input)} onDone={onClose} />
      )}
    </FormDialog>
  );
}

function AddUserForm({ save, onDone }: { save: (input: TCreateUserRequest) => Promise<UserDto>; onDone: () => void }) {
  const notify = useToast();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<AddUserValues, unknown, TCreateUserRequest>({
    resolver: zodResolver(ZCreateUserRequest),
    defaultValues: EMPTY_USER,
  });
  const { isSubmitting, isDirty } = form.formState;

  const onValid = async (values: TCreateUserRequest) => {
    setBanner(null);
    try {
      const saved = await save(ownedApisOnly(values));
      notify(`User ${saved.email} added.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_USER, "The user could not be saved."));
    }
  };

  return (
    <Form {...form}>
      <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
        <FormBanner message={banner} />
        <FormFields disabled={isSubmitting}>
          <FormField
            control={form.control}
            name="email"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Email</FormLabel>
                <FormControl>
                  <Input type="email" autoComplete="off" {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="password"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Password</FormLabel>
                <FormControl>
                  <Input type="password" autoComplete="new-password" {...field} />
                </FormControl>
                <FormMessage />
                <FormDescription>{PASSWORD_HINT}</FormDescription>
              </FormItem>
            )}
          />
          <RoleAndApiFields />
        </FormFields>
        <DialogFormActions busy={isSubmitting} onClose={onDone} dirty={isDirty} />
      </form>
    </Form>
  );
}

interface EditUserFormProps {
  user: UserDto;
  save: (input: TUpdateUserRequest) => Promise<UserDto>;
  onDone: () => void;
}

function EditUserForm({ user, save, onDone }: EditUserFormProps) {
  const notify = useToast();
  const editValues = (current: UserDto): EditUserValues => ({
    role: current.role,
    apiIds: current.apiIds,
    version: current.version,
  });
  const defaultValues = editValues(user);
  const form = useForm<EditUserValues, unknown, EditUserOutput>({ resolver: zodResolver(ZEditUser), defaultValues });
  const reloadUser = useReloadUser();
  const banner = useSaveBanner(
    () => reloadUser(user.id),
    (current) => form.reset(editValues(current)),
  );
  const setBanner = banner.show;
  const { isSubmitting, isDirty } = form.formState;

  const onValid = async (values: EditUserOutput) => {
    setBanner(null);
    try {
      const saved = await save(ownedApisOnly(values));
      notify(`User ${saved.email} saved.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, defaultValues, "The user could not be saved."), error);
    }
  };

  return (
    <Form {...form}>
      <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
        <FormBanner message={banner.message} onReload={banner.onReload} />
        <FormFields disabled={isSubmitting}>
          {/* Shown, not edited: an item outside a FormField. */}
          <FormItem>
            <FormLabel>Email</FormLabel>
            <FormControl>
              <Input type="email" readOnly value={user.email} />
            </FormControl>
          </FormItem>
          <RoleAndApiFields />
        </FormFields>
        <DialogFormActions busy={isSubmitting} onClose={onDone} dirty={isDirty} unchanged={!isDirty} />
      </form>
    </Form>
  );
}

/** The fields both forms have; they read the form from its context. */
type RoleAndApisValues = Pick<AddUserValues, "role" | "apiIds">;

function RoleAndApiFields() {
  const apis = useApiNames();
  const { control } = useFormContext<RoleAndApisValues>();
  const role = useWatch({ control, name: "role" });
  return (
    <>
      <FormField
        control={control}
        name="role"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Role</FormLabel>
            <FormControl>
              <NativeSelect {...field}>
                {ROLES.map((value) => (
                  <option key={value} value={value}>
                    {ROLE_LABELS[value]}
                  </option>
                ))}
              </NativeSelect>
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
      {role === "owner" && (
        <FormField
          control={control}
          name="apiIds"
          render={({ field }) => (
            <FormFieldset legend="APIs this service owner manages">
              <FormDescription>{apis.length === 0 ? "No APIs yet." : null}</FormDescription>
              {apis.map((api) => (
                <FormItem key={api.id} variant="option">
                  <FormControl>
                    <input {...listOptionProps(field, api.id)} />
                  </FormControl>
                  {/* A row like its checkbox's, so the name and (name) keep their spacing. */}
                  <FormLabel className="flex items-center gap-1.5 font-normal">
                    {api.displayName || api.name} <span className="font-mono">({api.name})</span>
                  </FormLabel>
                </FormItem>
              ))}
              <FormMessage />
            </FormFieldset>
          )}
        />
      )}
    </>
  );
}
