"use client";
// The Token preview: what a token request would get, and which setting decided each number.
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input, NativeSelect } from "@/components/ui/input";
import { Page, PageHeader } from "@/components/ui/page";
import { usePreviewToken } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import { type ConsentScreen, deprecationText, GRANT_TYPES } from "@/lib/issuing";
import type { TokenPreview, TTokenPreviewRequest } from "@/lib/token-preview/schemas";
import { cn } from "@/lib/utils";

/** The request as typed: scopes as one line of text, a blank client ID for none. The server checks it. */
type PreviewFormValues = Pick<TTokenPreviewRequest, "grantType"> & {
  scopes: string;
  clientId: string;
  resources: string;
};

export function TokenPreviewPage() {
  const preview = usePreviewToken();
  const form = useForm<PreviewFormValues>({
    defaultValues: { scopes: "", grantType: "authorization_code", clientId: "", resources: "" },
  });

  const submit = ({ scopes, grantType, clientId, resources }: PreviewFormValues) => {
    preview.mutate({
      clientId: clientId.trim() || undefined,
      scopes: scopes.split(/\s+/).filter(Boolean),
      grantType,
      resources: resources.split(/\s+/).filter(Boolean),
    });
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
            className="grid items-start gap-4 md:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_2fr_auto]"
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
            <FormField
              control={form.control}
              name="resources"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Resources</FormLabel>
                  <FormControl>
                    <Input {...field} autoComplete="off" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>
                    Optional: the <code>resource</code> values (RFC 8707), APIs' resource identifiers separated by
                    spaces.
                  </FormDescription>
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
          <dl className="grid grid-cols-[auto_1fr] gap-x-3" aria-label="Access token claims">
            <dt>aud</dt>
            <dd className="font-mono break-all">{result.accessToken.audiences.join(" ") || "(the issuer)"}</dd>
            <dt>scope</dt>
            <dd className="font-mono break-all">{result.accessToken.scopes.join(" ") || "(none)"}</dd>
          </dl>
          <p>
            Lifetime: {formatDuration(result.accessToken.lifetime)}; a token issued now expires{" "}
            <DateTime value={result.accessToken.expiresAt} />.
          </p>
          <h2>Refresh token</h2>
          {result.refreshToken ? (
            <p>
              Lifetime: {formatDuration(result.refreshToken.lifetime)}
              {result.refreshToken.offline ? " (offline access)" : ""}; each refresh gives a new one. Refreshing ends{" "}
              <DateTime value={result.refreshToken.endsAt} />, {formatDuration(result.refreshToken.absoluteLifetime)}{" "}
              after consent.
            </p>
          ) : (
            <p>None</p>
          )}
          {result.consent && <ConsentPreview clientName={result.client?.name} screen={result.consent} />}
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

/**
 * The consent page as the user will see it, in its order and with its wording: a picture of the
 * page, not a form (nothing here can be ticked). Required scopes cannot be unticked there.
 */
function ConsentPreview({ clientName, screen }: { clientName: string | undefined; screen: ConsentScreen }) {
  const who = clientName || "The application";
  return (
    <>
      <h2>Consent screen</h2>
      <p className="text-muted-foreground text-sm">What the user sees when they sign in, before they allow access.</p>
      <figure aria-label="What the user sees" className="mt-2 max-w-lg rounded-lg border bg-background p-4 shadow-sm">
        <p className="font-semibold text-lg">{who} wants access</p>
        <p className="mb-3 text-muted-foreground text-sm">Choose what {who} may do on your behalf.</p>
        <ul className="m-0 grid list-none gap-3 p-0" aria-label="Consent screen">
          {screen.scopes.map((scope) => (
            <li key={scope.name}>
              <span className="flex flex-wrap items-center gap-2">
                <span
                  aria-hidden="true"
                  className={cn(
                    "inline-flex size-4 items-center justify-center rounded-sm border text-[0.7rem] leading-none",
                    scope.checked && "border-primary bg-primary text-primary-foreground",
                    scope.locked && "opacity-60",
                  )}
                >
                  {scope.checked ? "✓" : ""}
                </span>
                <strong>{scope.displayName}</strong>
                <span className="sr-only">
                  {scope.locked ? "(ticked; cannot be unticked)" : scope.checked ? "(ticked)" : "(not ticked)"}
                </span>
                {scope.emphasize && <Badge variant="warning">Important</Badge>}
                {scope.required && <Badge>Required</Badge>}
                {scope.deprecation && <Badge variant="warning">Deprecated</Badge>}
              </span>
              <span className="mt-0.5 ml-6 block text-muted-foreground text-sm">{scope.description || scope.name}</span>
              {scope.deprecation && (
                <span className="mt-0.5 ml-6 block text-sm text-warning">{deprecationText(scope.deprecation)}</span>
              )}
            </li>
          ))}
        </ul>
        <p className="mt-4 flex gap-2" aria-hidden="true">
          <span className={buttonVariants({ size: "sm" })}>Allow</span>
          <span className={buttonVariants({ size: "sm", variant: "outline" })}>Deny</span>
        </p>
      </figure>
    </>
  );
}
