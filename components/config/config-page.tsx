"use client";
// Import / export (admins): download the configuration as one YAML document, or upload (or paste)
// one, see its plan as a diff of fields, and apply that plan. The JSON API is the same for
// scripts: GET /api/config, POST /api/config/plan, POST /api/config/apply?fingerprint=.
import { useId, useState } from "react";
import { fieldLabel, fieldValueText } from "@/components/audit/field-text";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Page, PageHeader } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { useApplyConfig, usePlanConfig } from "@/lib/client/config-file";
import { ApiError } from "@/lib/client/fetch-json";
import type { PlannedChange } from "@/lib/config-file/schema";

const ACTION_LABELS: Record<PlannedChange["action"], string> = { create: "Create", update: "Update", delete: "Delete" };
const RESOURCE_LABELS: Record<PlannedChange["resourceType"], string> = {
  settings: "Service settings",
  api: "API",
  scope: "Scope",
  client: "Client",
};
const ACTION_BADGES: Record<PlannedChange["action"], "default" | "warning" | "secondary"> = {
  create: "default",
  update: "secondary",
  delete: "warning",
};

/** Each bad field of a refused document, by its path in it. */
const errorPaths = (error: Error) => Object.entries(error instanceof ApiError ? error.fields : {});

export function ConfigPage() {
  const [document, setDocument] = useState("");
  const plan = usePlanConfig();
  const apply = useApplyConfig();
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  const fileId = useId();
  const documentId = useId();
  const planned = plan.data;
  const deletions = planned?.changes.filter((change) => change.action === "delete").length ?? 0;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setDocument(await file.text());
    plan.reset();
    apply.reset();
  };

  return (
    <Page>
      <PageHeader
        title="Import / export"
        description="Keep the APIs, scopes, clients and settings in a file: download them, change the file, see the plan, apply it."
        actions={
          <a className={buttonVariants({ variant: "outline" })} href="/api/config" download="scope-console.yaml">
            Download configuration
          </a>
        }
      />
      <Card aria-label="Configuration to apply" className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor={fileId}>Configuration file</Label>
          <input
            id={fileId}
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            className="text-sm"
            onChange={(event) => readFile(event.target.files?.[0])}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={documentId}>Document</Label>
          <Textarea
            id={documentId}
            value={document}
            rows={10}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder="apis:&#10;  - name: invoices&#10;    scopes:&#10;      - name: read_invoices"
            onChange={(event) => {
              setDocument(event.target.value);
              plan.reset();
              apply.reset();
            }}
          />
        </div>
        <div className="flex gap-2">
          <Button
            disabled={!document.trim() || plan.isPending}
            onClick={() => {
              apply.reset();
              plan.mutate(document);
            }}
          >
            {plan.isPending ? "Planning…" : "Plan"}
          </Button>
        </div>
        {plan.isError && (
          <Alert role="alert">
            {plan.error.message}
            {errorPaths(plan.error).length > 1 && (
              <ul className="mt-2 list-disc pl-5">
                {errorPaths(plan.error).map(([path, messages]) => (
                  <li key={path}>
                    <span className="font-mono">{path}</span>: {messages.join(" ")}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </Card>
      {planned && (
        <Card aria-label="Plan" className="mt-4">
          <h2 className="mb-2 font-semibold text-base">Plan</h2>
          {planned.changes.length === 0 ? (
            <p>Nothing to change: the console already is as the document says.</p>
          ) : (
            <>
              <p className="mb-3 text-muted-foreground text-sm">
                {planned.changes.length} {planned.changes.length === 1 ? "change" : "changes"}
                {deletions > 0 && `, of which ${deletions} ${deletions === 1 ? "deletion" : "deletions"}`}.
              </p>
              <ol className="m-0 grid list-none gap-3 p-0" aria-label="Planned changes">
                {planned.changes.map((change) => (
                  <li key={`${change.action} ${change.resourceType} ${change.name}`} className="rounded-md border p-3">
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge variant={ACTION_BADGES[change.action]}>{ACTION_LABELS[change.action]}</Badge>{" "}
                      <span>{RESOURCE_LABELS[change.resourceType]}</span>{" "}
                      <span className="font-mono">{change.name}</span>
                    </p>
                    {change.impact && (
                      <p className="mt-1 text-sm text-warning">
                        Reaches {change.impact.allowedClients} clients, {change.impact.consents} consents and{" "}
                        {change.impact.liveGrants} live grants.
                      </p>
                    )}
                    {change.action === "update" && (
                      <ul className="mt-2 list-none p-0 text-sm">
                        {Object.entries(change.fields).map(([field, { before, after }]) => (
                          <li key={field}>
                            <span className="font-medium">{fieldLabel(field)}</span>: {fieldValueText(field, before)} →{" "}
                            {fieldValueText(field, after)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
              <div className="mt-4 flex gap-2">
                <Button onClick={() => setConfirming(true)} disabled={apply.isPending || apply.isSuccess}>
                  Apply
                </Button>
              </div>
            </>
          )}
        </Card>
      )}
      {apply.data && apply.data.secrets.length > 0 && (
        <Card aria-label="New client secrets" className="mt-4">
          <h2 className="mb-2 font-semibold text-base">New client secrets</h2>
          <p className="mb-2 text-muted-foreground text-sm">Copy them now: they are stored only as hashes.</p>
          <ul className="m-0 grid list-none gap-1 p-0 font-mono text-sm">
            {apply.data.secrets.map((entry) => (
              <li key={entry.clientId}>
                {entry.clientId}: {entry.clientSecret}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={(open) => {
          if (!open) setConfirming(false);
        }}
        title="Apply the plan"
        description={`Make these ${planned?.changes.length ?? 0} changes in one step${deletions > 0 ? `, deleting ${deletions}` : ""}? Every change is audited.`}
        confirmLabel="Apply"
        busyLabel="Applying…"
        busy={apply.isPending}
        error={apply.error?.message}
        onConfirm={() =>
          planned &&
          apply.mutate(
            { document, fingerprint: planned.fingerprint },
            {
              onSuccess: (result) => {
                setConfirming(false);
                notify(`Applied ${result.changes.length} ${result.changes.length === 1 ? "change" : "changes"}.`);
              },
            },
          )
        }
      />
    </Page>
  );
}
