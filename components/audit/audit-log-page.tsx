"use client";
import { useEffect, useState } from "react";
import { TablePager, TableStates, useClampedPage, useListState } from "@/components/ui/data-table";
// The Audit log screen (admins): every change made in the console, newest first, filtered by
// resource, actor and time.
import { DateTime } from "@/components/ui/date-time";
import { changedFields, valueText } from "@/lib/audit/changes";
import { AUDIT_RESOURCES, type AuditResource } from "@/lib/audit/record";
import type { AuditEventDto } from "@/lib/audit/schemas";
import { useAuditLog } from "@/lib/client/audit";

const COLUMNS = 5;
const RESOURCE_LABELS: Record<AuditResource, string> = {
  api: "API",
  scope: "Scope",
  client: "Client",
  settings: "Settings",
  user: "User",
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
    <main className="page">
      <h1>Audit log</h1>
      <form
        className="panel filters"
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
        <label>
          Resource
          <select value={form.resourceType} onChange={set("resourceType")}>
            <option value="">All</option>
            {AUDIT_RESOURCES.map((resource) => (
              <option key={resource} value={resource}>
                {RESOURCE_LABELS[resource]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <input type="email" value={form.actor} onChange={set("actor")} placeholder="admin@example.com" />
        </label>
        <label>
          From
          <input type="datetime-local" value={form.from} onChange={set("from")} />
        </label>
        <label>
          To
          <input type="datetime-local" value={form.to} onChange={set("to")} />
        </label>
        <button type="submit" className="button button-primary">
          Filter
        </button>
      </form>
      <section className="panel" aria-label="Audit events">
        <table className="table" aria-label="Audit log" aria-busy={log.isFetching}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
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
              <tr key={event.id}>
                <td>
                  <DateTime value={event.at} />
                </td>
                <td>{event.actorEmail}</td>
                <td>{event.action}</td>
                <td>
                  {RESOURCE_LABELS[event.resourceType as AuditResource] ?? event.resourceType}{" "}
                  <span className="mono">{event.resourceName}</span>
                </td>
                <td>
                  <Changes event={event} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && (
          <div className="table-footer">
            <TablePager label="Audit log pages" noun={["audit event", "audit events"]} data={data} list={list} />
          </div>
        )}
      </section>
    </main>
  );
}

function Changes({ event }: { event: AuditEventDto }) {
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <span className="field-hint">No field changed.</span>;
  return (
    <ul className="changes">
      {changes.map(({ field, before, after }) => (
        <li key={field}>
          <span className="mono">{field}</span>:{" "}
          {event.action === "create"
            ? valueText(after)
            : event.action === "delete"
              ? valueText(before)
              : `${valueText(before)} → ${valueText(after)}`}
        </li>
      ))}
    </ul>
  );
}
