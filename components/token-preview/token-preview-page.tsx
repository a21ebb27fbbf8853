"use client";
// The Token preview: what a token request would get, and which setting decided each number.
import { useForm } from "react-hook-form";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
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
    <main className="page">
      <h1>Token preview</h1>
      <p className="page-intro">
        Check what a token request would get with the settings as they are now, before clients feel a change.
      </p>
      <section className="panel" aria-label="Token request">
        <Form {...form}>
          <form onSubmit={form.handleSubmit(submit)} className="form-fields preview-form">
            <FormField
              control={form.control}
              name="scopes"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Scopes</FormLabel>
                  <FormControl>
                    <input {...field} autoComplete="off" />
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
                    <select {...field}>
                      {GRANT_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
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
                    <input {...field} autoComplete="off" />
                  </FormControl>
                  <FormMessage />
                  <FormDescription>Optional: blank previews a client allowed every scope.</FormDescription>
                </FormItem>
              )}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={preview.isPending}>
                {preview.isPending ? "Previewing…" : "Preview"}
              </button>
            </div>
          </form>
        </Form>
      </section>
      {preview.isError && (
        <div role="alert" className="banner banner-error">
          {preview.error.message}
        </div>
      )}
      {preview.data && <PreviewResult result={preview.data} />}
    </main>
  );
}

function PreviewResult({ result }: { result: TokenPreview }) {
  return (
    <section className="panel preview-result" aria-label="Preview result">
      {result.ok ? (
        <>
          <h2>Granted scopes</h2>
          <p className="mono">{result.grantedScopes.join(" ") || "(none)"}</p>
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
              <ul className="consent-list" aria-label="Consent screen">
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
                    {scope.emphasize && <span className="badge">Important</span>}
                    {scope.locked && <span className="badge badge-muted">Required</span>}
                    {scope.description && <span className="consent-description"> — {scope.description}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <div role="alert" className="banner banner-error">
          Refused with {result.error}: {result.description}
        </div>
      )}
      <h2>Explanation</h2>
      <ol className="explanation" aria-label="Explanation">
        {result.explanation.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines are a fixed, ordered list
          <li key={index}>{line.text}</li>
        ))}
      </ol>
    </section>
  );
}
