"use client";
// The Token preview: what a token request would get, and which setting decided each number.
import { type FormEvent, useState } from "react";
import { Field } from "@/components/ui/field";
import { usePreviewToken } from "@/lib/client/settings";
import { formatDuration } from "@/lib/duration";
import { GRANT_TYPES, type GrantType } from "@/lib/issuing";
import type { TokenPreview } from "@/lib/token-preview/schemas";

const seconds = (value: number) => `${formatDuration(value)} (${value} s)`;

export function TokenPreviewPage() {
  const preview = usePreviewToken();
  const [scopes, setScopes] = useState("");
  const [grantType, setGrantType] = useState<GrantType>("authorization_code");
  const [clientId, setClientId] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate({ clientId: clientId.trim() || undefined, scopes: scopes.split(/\s+/).filter(Boolean), grantType });
  };

  return (
    <main className="page">
      <h1>Token preview</h1>
      <p className="page-intro">
        Check what a token request would get with the settings as they are now, before clients feel a change.
      </p>
      <section className="panel" aria-label="Token request">
        <form onSubmit={submit} className="form-fields preview-form">
          <Field id="preview-scopes" label="Scopes" hint="Space-separated, as a client sends them; blank for none.">
            <input value={scopes} onChange={(event) => setScopes(event.target.value)} autoComplete="off" />
          </Field>
          <Field id="preview-grant-type" label="Grant type">
            <select value={grantType} onChange={(event) => setGrantType(event.target.value as GrantType)}>
              {GRANT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </Field>
          <Field id="preview-client-id" label="Client ID" hint="Optional: blank previews a client allowed every scope.">
            <input value={clientId} onChange={(event) => setClientId(event.target.value)} autoComplete="off" />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={preview.isPending}>
              {preview.isPending ? "Previewing…" : "Preview"}
            </button>
          </div>
        </form>
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
