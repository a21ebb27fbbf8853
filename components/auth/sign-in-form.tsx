"use client";
// The console's sign-in: the same "Email", "Password" and "Sign in" as the authorization flow's page.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { FormBanner } from "@/components/ui/form-parts";
import { type TSignInRequest, ZSignInRequest } from "@/lib/auth/schemas";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";

export function SignInForm({ next }: { next: string }) {
  const [banner, setBanner] = useState<string | null>(null);
  const form = useForm<TSignInRequest>({
    resolver: zodResolver(ZSignInRequest),
    defaultValues: { email: "", password: "" },
  });
  const { isSubmitting } = form.formState;

  const onValid = async (values: TSignInRequest) => {
    setBanner(null);
    try {
      await fetchJson("/api/session", { method: "POST", body: values });
      // A full load: the console's layout reads the new session on the server.
      window.location.assign(next);
    } catch (error) {
      setBanner(error instanceof ApiError ? error.message : "Signing in failed. Try again.");
      form.resetField("password");
    }
  };

  return (
    <main className="page narrow">
      <h1>Sign in</h1>
      <p>to Scope Console</p>
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit(onValid)}>
          <FormBanner message={banner} />
          <fieldset disabled={isSubmitting} className="form-fields">
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Email</FormLabel>
                  <FormControl>
                    <input type="email" autoComplete="username" {...field} />
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
                    <input type="password" autoComplete="current-password" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {isSubmitting ? "Signing in…" : "Sign in"}
              </button>
            </div>
          </fieldset>
        </form>
      </Form>
    </main>
  );
}
