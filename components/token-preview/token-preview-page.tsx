"use client";
// The Token preview: what a token request would get, and which setting decided each number.
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input, NativeSelect } from "@/components/ui/input";
import { Page, PageHeader } from "@/components/ui/page";
import { usePreviewToken } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import { GRANT_TYPES } from "@/lib/issuing";
import type { TokenPreview, TTokenPreviewRequest } from "@/lib/token-preview/schemas";

const seconds = (value: number) => `${formatDuration(value)} (${value} s)`;

/** The request as typed: scopes as one line of text, a blank client ID for none. The server checks it. */
type PreviewFormValues = Pick<TTokenPreviewRequest, "grantType"> & { scopes: string; clientId: string };

export function TokenPreviewPage() {
  const preview = usePreviewToken();
  const form = useForm<PreviewFormValues>({
    defaultValues: { scopes: "", grantType: "authorization_code", clientId: "" },
  });

  const submit = ({ scopes, grantType, clientId }: PreviewFormValues) => {
    preview.mutate({ clientId: clientId.trim() || undefined, scopes: scopes.split(/\s+/).filter(Boolean), grantType });
  };

  return (
    <Page>
      <PageHeader
        title="Token preview"
        description="Check what a token request would get with the settings as they are now, before clients feel a change."
      />
      <Card aria-label="Token request">
        <Form {...form}>
          <form
            onSubmit={form.handleSubmit(submit)}
            className="grid items-start gap-4 md:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto]"
          >
            <FormField
              control={form.control}
              name="scopes"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Scopes</FormLabel>
                  <FormControl>
                    <Input {...field} autoComplete="off" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>Space-separated, as a client sends them; blank for none.</FormDescription>
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="grantType"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Grant type</FormLabel>
                  <FormControl>
                    <NativeSelect {...field}>
                      {GRANT_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </NativeSelect>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="clientId"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Client ID</FormLabel>
                  <FormControl>
                    <Input {...field} autoComplete="off" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>Optional: blank previews a client allowed every scope.</FormDescription>
                </FormItem>
              )}
            />
            <Button type="submit" disabled={preview.isPending} className="lg:mt-6">
              {preview.isPending ? "Previewing…" : "Preview"}
            </Button>
          </form>
        </Form>
      </Card>
      {preview.isError && <Alert role="alert">{preview.error.message}</Alert>}
      {preview.data && <PreviewResult result={preview.data} />}
    </Page>
  );
}

function PreviewResult({ result }: { result: TokenPreview }) {
  return (
    <Card className="mt-4 [&_h2]:mt-4 [&_h2]:mb-1 [&_h2]:font-semibold [&_h2]:text-base" aria-label="Preview result">
      {result.ok ? (
        <>
          <h2>Granted scopes</h2>
          <p className="font-mono">{result.grantedScopes.join(" ") || "(none)"}</p>
          <h2>Access token</h2>
          <p>Lifetime: {seconds(result.accessToken.lifetime)}</p>
          <h2>Refresh token</h2>
          {result.refreshToken ? (
            <p>
              Lifetime: {seconds(result.refreshToken.lifetime)}; absolute lifetime:{" "}
              {seconds(result.refreshToken.absoluteLifetime)}
              {result.refreshToken.offline ? " (offline access)" : ""}
            </p>
          ) : (
            <p>None</p>
          )}
          {result.consent && (
            <>
              <h2>Consent screen</h2>
              <ul className="m-0 grid list-none gap-2 p-0" aria-label="Consent screen">
                {result.consent.scopes.map((scope) => (
                  <li key={scope.name}>
                    <input
                      type="checkbox"
                      checked={scope.checked}
                      disabled={scope.locked}
                      readOnly
                      aria-label={scope.displayName}
                    />{" "}
                    <strong>{scope.displayName}</strong>
                    {scope.emphasize && (
                      <Badge variant="warning" className="ml-2">
                        Important
                      </Badge>
                    )}
                    {scope.locked && <Badge className="ml-2">Required</Badge>}
                    {scope.description && <span className="text-muted-foreground"> — {scope.description}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <Alert role="alert">
          Refused with {result.error}: {result.description}
        </Alert>
      )}
      <h2>Explanation</h2>
      <ol className="list-decimal pl-5 text-muted-foreground" aria-label="Explanation">
        {result.explanation.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines are a fixed, ordered list
          <li key={index}>{line.text}</li>
        ))}
      </ol>
    </Card>
  );
}
