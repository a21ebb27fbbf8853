"use client";
// The Users screen (admins): who may use the console, in which role and for which APIs.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  SearchBox,
  SortableHeader,
  TableFooter,
  TablePager,
  TableStates,
  TableToolbar,
  useClampedPage,
  useListState,
} from "@/components/ui/data-table";
import { ConfirmDialog, dialogDescriptionClasses, FormDialog } from "@/components/ui/dialog";
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
import { Input } from "@/components/ui/input";
import { Page, PageHeader } from "@/components/ui/page";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
    <Page>
      <PageHeader title="Users" actions={<Button onClick={() => setEditing({ user: null })}>Add user</Button>} />
      <Card aria-label="Users list">
        <TableToolbar>
          <SearchBox label="Search users" value={list.search} onChange={list.setSearch} />
        </TableToolbar>
        <Table aria-label="Users" aria-busy={users.isFetching}>
          <TableHeader>
            <TableRow>
              <SortableHeader label="Email" field="email" sort={list.params.sort} onSort={list.toggleSort} />
              <SortableHeader label="Role" field="role" sort={list.params.sort} onSort={list.toggleSort} />
              <TableHead scope="col">APIs</TableHead>
              <TableHead scope="col">Status</TableHead>
              <TableHead scope="col">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableStates query={users} columns={COLUMNS} noun="users" emptyText="No users yet." q={list.params.q} />
            {data?.items.map((user) => (
              <TableRow key={user.id}>
                <TableCell>{user.email}</TableCell>
                <TableCell>{ROLE_LABELS[user.role]}</TableCell>
                <TableCell className="font-mono">{user.apiIds.map(apiName).join(", ")}</TableCell>
                <TableCell>{user.disabled ? "Disabled" : "Active"}</TableCell>
                <TableCell>
                  <div className="flex gap-2">
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Edit ${user.email}`}
                      onClick={() => setEditing({ user })}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Reset password ${user.email}`}
                      onClick={() => setResetting(user)}
                    >
                      Reset password
                    </Button>
                    <Button
                      variant="destructive-outline"
                      size="sm"
                      aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                      disabled={updateUser.isPending}
                      onClick={() => (user.disabled ? setDisabled(user, false) : setDisabling(user))}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <TableFooter>
          <TablePager label="Users pages" noun={["user", "users"]} data={data} list={list} />
        </TableFooter>
      </Card>
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
    </Page>
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
        <p className={dialogDescriptionClasses}>
          Set a new password for {props.email}. They are signed out everywhere, and the applications they authorized
          must ask them again.
        </p>
        <FormBanner message={banner} />
        <FormFields disabled={isSubmitting}>
          <FormField
            control={form.control}
            name="password"
            render={({ field }) => (
              <FormItem>
                <FormLabel>New password</FormLabel>
                <FormControl>
                  <Input type="password" autoComplete="new-password" {...field} />
                </FormControl>
                <FormMessage />
                <FormDescription>{PASSWORD_HINT}</FormDescription>
              </FormItem>
            )}
          />
        </FormFields>
        <DialogFormActions busy={isSubmitting} onClose={props.onDone} dirty={isDirty} />
      </form>
    </Form>
  );
}
