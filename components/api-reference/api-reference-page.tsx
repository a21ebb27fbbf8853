"use client";
// The API reference: the JSON API's OpenAPI document (GET /api/openapi.json), rendered by Swagger UI
// from this origin's own copy (swagger-ui-dist: no CDN, no web font). Its prebuilt bundle is used,
// not swagger-ui-react's sources: Turbopack drops a side effect of those (Swagger UI's 3.1 support
// then fails with "refract is not a function"). It renders in the browser only, where it sets styles
// through the DOM, which the Content Security Policy allows (lib/http/csp.ts).
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Page, PageHeader } from "@/components/ui/page";
import { useOpenApiDocument } from "@/lib/client/openapi";

const Loading = () => <p aria-live="polite">Loading the API reference…</p>;

/** Swagger UI in an element of its own, with the document given (it fetches nothing itself). */
function SwaggerUi({ spec }: { spec: object }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !container.current) return;
        SwaggerUIBundle({
          domNode: container.current,
          spec,
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          deepLinking: true,
          // The online validator's badge would load an image from another site.
          validatorUrl: null,
        });
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [spec]);
  return failed ? <Alert role="alert">{failed}</Alert> : <div ref={container} />;
}

export function ApiReferencePage() {
  const document = useOpenApiDocument();
  return (
    <Page>
      <PageHeader
        title="API reference"
        description={
          <>
            Every route of the console&apos;s JSON API, generated from the schemas that validate its requests. Scripts
            sign in with the session cookie or a bearer token from <code>/oauth/token</code>; the document itself is{" "}
            <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
          </>
        }
      />
      {document.isError && <Alert role="alert">{document.error.message}</Alert>}
      {document.isPending && <Loading />}
      {document.data && (
        // Swagger UI has light colours of its own: a light panel in either theme keeps them readable.
        <section
          aria-label="Operations"
          className="api-reference overflow-hidden rounded-lg border bg-white text-neutral-900"
        >
          <SwaggerUi spec={document.data} />
        </section>
      )}
    </Page>
  );
}
