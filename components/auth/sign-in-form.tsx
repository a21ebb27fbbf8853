"use client";
// The console's sign-in: the same "Email", "Password" and "Sign in" as the authorization flow's page.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormFields, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { FormBanner } from "@/components/ui/form-parts";
import { Input } from "@/components/ui/input";
import { Page } from "@/components/ui/page";
import { ThemeSwitch } from "@/components/ui/theme-switch";
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
    <Page narrow className="pt-12 sm:pt-20">
      <div className="mb-4 flex items-center justify-between gap-3">
        <span className="font-semibold">Scope Console</span>
        <ThemeSwitch />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Sign in</CardTitle>
          <CardDescription>to Scope Console</CardDescription>
        </CardHeader>
        <Form {...form}>
          <form noValidate onSubmit={form.handleSubmit(onValid)}>
            <FormBanner message={banner} />
            <FormFields disabled={isSubmitting}>
              <FormField
                control={form.control}
                name="email"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Email</FormLabel>
                    <FormControl>
                      <Input type="email" autoComplete="username" {...field} />
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
                      <Input type="password" autoComplete="current-password" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <Button type="submit" className="mt-2 w-full">
                {isSubmitting ? "Signing in…" : "Sign in"}
              </Button>
            </FormFields>
          </form>
        </Form>
      </Card>
    </Page>
  );
}
