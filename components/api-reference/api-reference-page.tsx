"use client";
// The API reference: the JSON API's OpenAPI document (GET /api/openapi.json), rendered by Swagger UI
// from this origin's own bundle (no CDN, no web font). It renders in the browser only: Swagger UI
// sets its styles through the DOM there, which the Content Security Policy allows, whereas style
// attributes in server-rendered HTML would be refused (lib/http/csp.ts).
import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";
import { Alert } from "@/components/ui/alert";
import { Page, PageHeader } from "@/components/ui/page";
import { useOpenApiDocument } from "@/lib/client/openapi";

const Loading = () => <p aria-live="polite">Loading the API reference…</p>;

const SwaggerUI = dynamic(() => import("swagger-ui-react"), { ssr: false, loading: Loading });

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
          <SwaggerUI spec={document.data} docExpansion="list" defaultModelsExpandDepth={0} deepLinking />
        </section>
      )}
    </Page>
  );
}
