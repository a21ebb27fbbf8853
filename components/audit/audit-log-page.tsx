"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TableFooter, TablePager, TableStates, useClampedPage, useListState } from "@/components/ui/data-table";
// The Audit log screen (admins): every change made in the console, newest first, filtered by
// resource, actor and time.
import { DateTime } from "@/components/ui/date-time";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Page, PageHeader } from "@/components/ui/page";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { changedFields } from "@/lib/audit/changes";
import { AUDIT_RESOURCES, type AuditResource } from "@/lib/audit/record";
import type { AuditEventDto } from "@/lib/audit/schemas";
import { useAuditLog } from "@/lib/client/audit";
import { fieldLabel, fieldValueText } from "./field-text";

const COLUMNS = 5;
const RESOURCE_LABELS: Record<AuditResource, string> = {
  api: "API",
  scope: "Scope",
  client: "Client",
  settings: "Settings",
  user: "User",
  session: "Session",
};

/** A datetime-local value (the browser's time zone) as an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : "");
/** An ISO instant (from the URL) as a datetime-local value. */
const toLocal = (iso: string) => {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const FILTERS = ["resourceType", "actor", "from", "to"] as const;

export function AuditLogPage() {
  // The filters and the page are in the URL (the API's parameter names); the form edits a copy.
  const list = useListState("", FILTERS);
  const filters = list.filters;
  const formOf = (current: typeof filters) => ({ ...current, from: toLocal(current.from), to: toLocal(current.to) });
  const [form, setForm] = useState(() => formOf(filters));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the URL (Back, a link)
  useEffect(() => setForm(formOf(filters)), [filters]);
  const log = useAuditLog({ ...filters, page: list.params.page, pageSize: list.params.pageSize });
  const data = log.data;
  useClampedPage(data, list.setPage);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Page>
      <PageHeader title="Audit log" />
      <Card className="mb-4">
        <form
          className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(8rem,12rem)_1fr_1fr_1fr_auto]"
          aria-label="Filter the audit log"
          onSubmit={(event) => {
            event.preventDefault();
            list.setFilters({
              resourceType: form.resourceType,
              actor: form.actor.trim(),
              from: toInstant(form.from),
              to: toInstant(form.to),
            });
          }}
        >
          <Label className="grid gap-2">
            Resource
            <NativeSelect value={form.resourceType} onChange={set("resourceType")}>
              <option value="">All</option>
              {AUDIT_RESOURCES.map((resource) => (
                <option key={resource} value={resource}>
                  {RESOURCE_LABELS[resource]}
                </option>
              ))}
            </NativeSelect>
          </Label>
          <Label className="grid gap-2">
            Actor
            <Input value={form.actor} onChange={set("actor")} placeholder="admin@example.com or a client ID" />
          </Label>
          <Label className="grid gap-2">
            From
            <Input type="datetime-local" value={form.from} onChange={set("from")} />
          </Label>
          <Label className="grid gap-2">
            To
            <Input type="datetime-local" value={form.to} onChange={set("to")} />
          </Label>
          <Button type="submit">Filter</Button>
        </form>
      </Card>
      <Card aria-label="Audit events">
        <Table aria-label="Audit log" aria-busy={log.isFetching}>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">When</TableHead>
              <TableHead scope="col">Who</TableHead>
              <TableHead scope="col">Action</TableHead>
              <TableHead scope="col">Resource</TableHead>
              <TableHead scope="col">Changes</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableStates
              query={log}
              columns={COLUMNS}
              noun="audit events"
              emptyText={
                filters.actor || filters.resourceType || filters.from || filters.to
                  ? "No audit events match these filters."
                  : "Nothing has changed yet."
              }
              q=""
            />
            {data?.items.map((event) => (
              <TableRow key={event.id}>
                <TableCell>
                  <DateTime value={event.at} />
                </TableCell>
                <TableCell>
                  {event.actorType === "client" ? (
                    <>
                      Client <span className="font-mono">{event.actorEmail}</span>
                    </>
                  ) : (
                    event.actorEmail
                  )}
                </TableCell>
                <TableCell>{event.action}</TableCell>
                <TableCell>
                  {RESOURCE_LABELS[event.resourceType as AuditResource] ?? event.resourceType}{" "}
                  <span className="font-mono">{event.resourceName}</span>
                </TableCell>
                <TableCell>
                  <Changes event={event} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {data && (
          <TableFooter>
            <TablePager label="Audit log pages" noun={["audit event", "audit events"]} data={data} list={list} />
          </TableFooter>
        )}
      </Card>
    </Page>
  );
}

function Changes({ event }: { event: AuditEventDto }) {
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <span className="text-muted-foreground text-xs">No field changed.</span>;
  return (
    <ul className="m-0 list-none p-0">
      {changes.map(({ field, before, after }) => (
        <li key={field}>
          <span className="font-medium">{fieldLabel(field)}</span>:{" "}
          {event.action === "create"
            ? fieldValueText(field, after)
            : event.action === "delete"
              ? fieldValueText(field, before)
              : `${fieldValueText(field, before)} → ${fieldValueText(field, after)}`}
        </li>
      ))}
    </ul>
  );
}
