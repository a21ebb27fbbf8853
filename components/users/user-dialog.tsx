"use client";
// The "User" dialog: adds a user (email, password, role, APIs) or changes a user's role and APIs.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { FormDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/accounts/roles";
import { useApis } from "@/lib/client/apis";
import { useCreateUser, useUpdateUser } from "@/lib/client/users";
import { type TCreateUserRequest, type UserDto, ZCreateUserRequest, ZUpdateUserRequest } from "@/lib/users/schemas";
import { MAX_PAGE_SIZE } from "@/lib/validation";

interface UserFormValues {
  /** Only when adding: an edit changes the role and APIs (and sends the version it was made from). */
  email?: string;
  password?: string;
  role: Role;
  apiIds: string[];
  version?: number;
}

const EMPTY_USER: UserFormValues = { email: "", password: "", role: "owner", apiIds: [] };

/** The APIs an admin can assign, by name (the first MAX_PAGE_SIZE, sorted). */
export function useApiNames() {
  const apis = useApis({ page: 1, pageSize: MAX_PAGE_SIZE, q: "", sort: "name" });
  return apis.data?.items ?? [];
}

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
      <UserForm
        key={user?.id ?? "new"}
        user={user}
        save={(values) =>
          user
            ? updateUser.mutateAsync({
                id: user.id,
                input: { role: values.role, apiIds: values.apiIds, version: user.version },
              })
            : createUser.mutateAsync(values)
        }
        onDone={onClose}
      />
    </FormDialog>
  );
}

interface UserFormProps {
  user: UserDto | null;
  save: (values: TCreateUserRequest) => Promise<UserDto>;
  onDone: () => void;
}

function UserForm({ user, save, onDone }: UserFormProps) {
  const notify = useToast();
  const apis = useApiNames();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<UserFormValues, unknown, TCreateUserRequest>({
    resolver: zodResolver(
      user ? ZUpdateUserRequest.pick({ role: true, apiIds: true, version: true }) : ZCreateUserRequest,
    ) as unknown as Resolver<UserFormValues, unknown, TCreateUserRequest>,
    defaultValues: user ? { role: user.role, apiIds: user.apiIds, version: user.version } : EMPTY_USER,
  });
  const { errors, isSubmitting } = form.formState;
  const role = form.watch("role");

  const onValid = async (values: TCreateUserRequest) => {
    setBanner(null);
    try {
      const saved = await save({ ...values, apiIds: values.role === "owner" ? values.apiIds : [] });
      notify(user ? `User ${saved.email} saved.` : `User ${saved.email} added.`);
      onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, EMPTY_USER, "The user could not be saved."));
    }
  };

  return (
    <form noValidate onSubmit={form.handleSubmit(onValid, () => setBanner("Correct the fields marked below."))}>
      <FormBanner message={banner} />
      <fieldset disabled={isSubmitting} className="form-fields">
        <Field id="user-email" label="Email" error={errors.email?.message}>
          {user ? (
            <input type="email" readOnly value={user.email} />
          ) : (
            <input type="email" autoComplete="off" {...form.register("email")} />
          )}
        </Field>
        {!user && (
          <Field id="user-password" label="Password" error={errors.password?.message} hint="At least 12 characters.">
            <input type="password" autoComplete="new-password" {...form.register("password")} />
          </Field>
        )}
        <Field id="user-role" label="Role" error={errors.role?.message}>
          <select {...form.register("role")}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        {role === "owner" && (
          <fieldset className="checkbox-group">
            <legend>APIs this service owner manages</legend>
            {apis.length === 0 && <p className="field-hint">No APIs yet.</p>}
            {apis.map((api) => (
              <label key={api.id} className="checkbox-option">
                <input type="checkbox" value={api.id} {...form.register("apiIds")} />
                {api.displayName || api.name} <span className="mono">({api.name})</span>
              </label>
            ))}
            {errors.apiIds && <p className="field-error">{errors.apiIds.message}</p>}
          </fieldset>
        )}
      </fieldset>
      <DialogFormActions busy={isSubmitting} onClose={onDone} />
    </form>
  );
}
