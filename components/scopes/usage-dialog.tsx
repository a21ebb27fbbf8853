"use client";
// A scope's usage, one click from its row: who may request it, who did, what holds it, and a
// chart of the tokens issued per day (recharts; the same numbers as a table for screen readers
// and for anyone who would rather read them).
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DateTime } from "@/components/ui/date-time";
import { FormDialog } from "@/components/ui/dialog";
import { useScopeUsage } from "@/lib/client/usage";
import type { ScopeDto } from "@/lib/scopes/schemas";
import type { DailyCount, ScopeUsageDto } from "@/lib/usage/schemas";
import { DEFAULT_USAGE_DAYS, USAGE_FLUSH_MS } from "@/lib/usage/settings";

/** The windows people pick from; the API takes any number of days up to a year. */
const PERIODS = [7, DEFAULT_USAGE_DAYS, 90, 365] as const;
const CHART_HEIGHT = 200;

interface UsageDialogProps {
  apiId: string;
  /** The scope whose usage to show; null keeps the dialog closed. */
  scope: ScopeDto | null;
  onClose: () => void;
}

export function UsageDialog({ apiId, scope, onClose }: UsageDialogProps) {
  const [days, setDays] = useState<number>(DEFAULT_USAGE_DAYS);
  const usage = useScopeUsage(apiId, scope?.id ?? null, days);
  const periodId = useId();
  return (
    <FormDialog
      open={scope !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Usage of ${scope?.name ?? ""}`}
      className="dialog-wide"
    >
      <div className="toolbar">
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              Last {period} days
            </option>
          ))}
        </select>
      </div>
      <p className="dialog-description">
        Counts reach the console every {USAGE_FLUSH_MS / 1000} seconds: the newest tokens may take that long to appear.
      </p>
      {usage.isError && (
        <p role="alert" className="banner banner-error">
          {usage.error.message}
        </p>
      )}
      {usage.isPending && !usage.isError && <p aria-live="polite">Loading usage…</p>}
      {usage.data && <UsageReport usage={usage.data} days={days} />}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </FormDialog>
  );
}

function UsageReport({ usage, days }: { usage: ScopeUsageDto; days: number }) {
  const total = usage.tokensIssued.reduce((sum, day) => sum + day.count, 0);
  return (
    <>
      <dl className="stats" aria-label="Usage figures">
        <Figure label="Tokens issued" value={total} />
        <Figure label="Requesting clients" value={usage.requestingClients} />
        <Figure label="Allowed clients" value={usage.allowedClients} />
        <Figure label="Consents" value={usage.consents} />
        <Figure label="Live grants" value={usage.liveGrants} />
        <div>
          <dt>Last requested</dt>
          <dd className="stat-date">
            <DateTime value={usage.lastRequestedAt} />
          </dd>
        </div>
      </dl>
      <TokensChart daily={usage.tokensIssued} days={days} total={total} />
      <table className="table" aria-label="Clients of this scope">
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Allowed</th>
            <th scope="col">Tokens ({days} days)</th>
            <th scope="col">Last requested</th>
          </tr>
        </thead>
        <tbody>
          {usage.clients.length === 0 && (
            <tr>
              <td colSpan={4}>No client may request this scope, and none did in this period.</td>
            </tr>
          )}
          {usage.clients.map((client) => (
            <tr key={client.clientId}>
              <td>
                {client.name} <span className="mono muted">{client.clientId}</span>
              </td>
              <td>{client.allowed ? "Yes" : "No"}</td>
              <td>{client.tokensIssued}</td>
              <td>
                <DateTime value={client.lastRequestedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const Figure = ({ label, value }: { label: string; value: number }) => (
  <div>
    <dt>{label}</dt>
    <dd>{value.toLocaleString()}</dd>
  </div>
);

function TokensChart({ daily, days, total }: { daily: DailyCount[]; days: number; total: number }) {
  const captionId = useId();
  const busiest = daily.reduce<DailyCount | null>((top, day) => (!top || day.count > top.count ? day : top), null);
  const summary =
    total === 0
      ? `No tokens carried this scope in the last ${days} days.`
      : `${total.toLocaleString()} tokens in the last ${days} days; the busiest day was ${busiest?.date} with ${busiest?.count.toLocaleString()}.`;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>Tokens issued per day. {summary}</figcaption>
      {/* The picture; the table below holds the same numbers for assistive technology. */}
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={shortDate} minTickGap={16} fontSize={11} />
            <YAxis allowDecimals={false} width={40} fontSize={11} />
            <Tooltip formatter={(value) => [value, "Tokens"]} />
            <Bar dataKey="count" name="Tokens" fill="var(--primary)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Show the numbers</summary>
        <table className="table" aria-label="Tokens issued per day">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** "2026-12-02" as "12-02": the axis has room for month and day only. */
const shortDate = (date: string) => date.slice(5);
