"use client";
import { useState } from "react";
import { Pagination, TableStates } from "@/components/ui/data-table";
// The Audit log screen (admins): every change made in the console, newest first, filtered by
// resource, actor and time.
import { DateTime } from "@/components/ui/date-time";
import { changedFields, valueText } from "@/lib/audit/changes";
import { AUDIT_RESOURCES, type AuditResource } from "@/lib/audit/record";
import type { AuditEventDto } from "@/lib/audit/schemas";
import { type AuditFilters, useAuditLog } from "@/lib/client/audit";
import { DEFAULT_PAGE_SIZE } from "@/lib/validation";

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

export function AuditLogPage() {
  const [form, setForm] = useState({ resourceType: "", actor: "", from: "", to: "" });
  const [filters, setFilters] = useState<AuditFilters>({
    resourceType: "",
    actor: "",
    from: "",
    to: "",
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
  });
  const log = useAuditLog(filters);
  const data = log.data;
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
          setFilters((current) => ({
            ...current,
            resourceType: form.resourceType,
            actor: form.actor.trim(),
            from: toInstant(form.from),
            to: toInstant(form.to),
            page: 1,
          }));
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
            <Pagination
              label="Audit log pages"
              page={data.page}
              pageCount={data.pageCount}
              pageSize={data.pageSize}
              total={data.total}
              onPage={(page) => setFilters((current) => ({ ...current, page }))}
              onPageSize={(pageSize) => setFilters((current) => ({ ...current, pageSize, page: 1 }))}
            />
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
