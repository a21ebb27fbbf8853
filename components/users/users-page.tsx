"use client";
// The Users screen (admins): who may use the console, in which role and for which APIs.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import {
  SearchBox,
  SortableHeader,
  TablePager,
  TableStates,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { ConfirmDialog, FormDialog } from "@/components/ui/dialog";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { DialogFormActions, FormBanner, showServerErrors } from "@/components/ui/form-parts";
import { useToast } from "@/components/ui/toast";
import { UserDialog, useApiNames } from "@/components/users/user-dialog";
import { PASSWORD_HINT } from "@/lib/accounts/password-rules";
import { ROLE_LABELS } from "@/lib/accounts/roles";
import { ApiError } from "@/lib/client/fetch-json";
import { useResetPassword, useUpdateUser, useUsers } from "@/lib/client/users";
import { type TResetPasswordRequest, type UserDto, ZResetPasswordRequest } from "@/lib/users/schemas";

const COLUMNS = 5;

export function UsersPage() {
  const list = useListState("email");
  const users = useUsers(list.params);
  const apis = useApiNames();
  const apiName = (id: string) => apis.find((api) => api.id === id)?.name ?? id;
  const [editing, setEditing] = useState<{ user: UserDto | null } | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [disabling, setDisabling] = useState<UserDto | null>(null);
  const updateUser = useUpdateUser();
  const notify = useToast();
  const data = users.data;
  useClampedPage(data, list.setPage);

  const setDisabled = (user: UserDto, disabled: boolean) =>
    updateUser.mutate(
      { id: user.id, input: { disabled, version: user.version } },
      {
        onSuccess: (saved) => {
          setDisabling(null);
          notify(`${saved.email} ${disabled ? "disabled" : "enabled"}.`);
        },
        onError: (error) => {
          if (!disabled) notify(error instanceof ApiError ? error.message : "The user could not be saved.");
        },
      },
    );

  return (
    <main className="page">
      <div className="page-header">
        <h1>Users</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing({ user: null })}>
          Add user
        </button>
      </div>
      <section className="panel" aria-label="Users list">
        <div className="toolbar">
          <SearchBox label="Search users" value={list.search} onChange={list.setSearch} />
        </div>
        <table className="table" aria-label="Users" aria-busy={users.isFetching}>
          <thead>
            <tr>
              <SortableHeader label="Email" field="email" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader label="Role" field="role" sort={list.params.sort} onSort={list.toggleSort} />
              <th scope="col">APIs</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <TableStates query={users} columns={COLUMNS} noun="users" emptyText="No users yet." q={list.params.q} />
            {data?.items.map((user) => (
              <tr key={user.id}>
                <td>{user.email}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td className="mono">{user.apiIds.map(apiName).join(", ")}</td>
                <td>{user.disabled ? "Disabled" : "Active"}</td>
                <td className="actions">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${user.email}`}
                      onClick={() => setEditing({ user })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Reset password ${user.email}`}
                      onClick={() => setResetting(user)}
                    >
                      Reset password
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                      disabled={updateUser.isPending}
                      onClick={() => (user.disabled ? setDisabled(user, false) : setDisabling(user))}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="table-footer">
          <TablePager label="Users pages" noun={["user", "users"]} data={data} list={list} />
        </div>
      </section>
      <UserDialog user={editing?.user ?? null} open={editing !== null} onClose={() => setEditing(null)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(open) => {
          if (open) return;
          updateUser.reset();
          setDisabling(null);
        }}
        title="Disable user"
        description={
          disabling && (
            <>
              Disable <strong>{disabling.email}</strong>? They are signed out everywhere at once: their sessions end,
              and the grants of the applications they authorized end with their refresh and access tokens. The account
              can be enabled again.
            </>
          )
        }
        confirmLabel="Disable"
        busyLabel="Disabling…"
        busy={updateUser.isPending}
        error={updateUser.error?.message}
        onConfirm={() => disabling && setDisabled(disabling, true)}
      />
    </main>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const reset = useResetPassword();
  return (
    <FormDialog
      open={user !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Reset password"
      busy={reset.isPending}
    >
      {user && (
        <ResetPasswordForm
          key={user.id}
          email={user.email}
          save={(input) => reset.mutateAsync({ id: user.id, input })}
          onDone={onClose}
        />
      )}
    </FormDialog>
  );
}

function ResetPasswordForm(props: {
  email: string;
  save: (input: TResetPasswordRequest) => Promise<UserDto>;
  onDone: () => void;
}) {
  const notify = useToast();
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<TResetPasswordRequest>({
    resolver: zodResolver(ZResetPasswordRequest),
    defaultValues: { password: "" },
  });
  const { isSubmitting, isDirty } = form.formState;
  const onValid = async (values: TResetPasswordRequest) => {
    try {
      await props.save(values);
      notify(`Password of ${props.email} reset. Their sessions have ended.`);
      props.onDone();
    } catch (error) {
      setBanner(showServerErrors(form, error, { password: "" }, "The password could not be reset."));
    }
  };
  return (
    <Form {...form}>
      <form noValidate onSubmit={form.handleSubmit(onValid)}>
        <p className="dialog-description">
          Set a new password for {props.email}. They are signed out everywhere, and the applications they authorized
          must ask them again.
        </p>
        <FormBanner message={banner} />
        <fieldset disabled={isSubmitting} className="form-fields">
          <FormField
            control={form.control}
            name="password"
            render={({ field }) => (
              <FormItem>
                <FormLabel>New password</FormLabel>
                <FormControl>
                  <input type="password" autoComplete="new-password" {...field} />
                </FormControl>
                <FormMessage />
                <FormDescription>{PASSWORD_HINT}</FormDescription>
              </FormItem>
            )}
          />
        </fieldset>
        <DialogFormActions busy={isSubmitting} onClose={props.onDone} dirty={isDirty} />
      </form>
    </Form>
  );
}
