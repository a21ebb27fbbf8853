"use client";
// A scope's usage, one click from its row: who may request it, who did, what holds it, and a
// chart of the tokens issued per day (recharts; the same numbers as a table for screen readers
// and for anyone who would rather read them).
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { DialogFooter, dialogDescriptionClasses, FormDialog } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useScopeUsage } from "@/lib/client/usage";
import type { ScopeDto } from "@/lib/scopes/schemas";
import type { DailyCount, ScopeUsageDto } from "@/lib/usage/schemas";
import { DEFAULT_USAGE_DAYS, USAGE_FLUSH_MS } from "@/lib/usage/settings";

/** The windows people pick from; the API takes any number of days up to a year. */
const PERIODS = [7, DEFAULT_USAGE_DAYS, 90, 365] as const;
const CHART_HEIGHT = 200;
/** The axes' labels in the theme's muted text colour. */
const AXIS_TICK = { fill: "var(--muted-foreground)" };

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
      className="sm:max-w-3xl"
    >
      <div className="mb-3 flex items-center gap-3">
        <Label htmlFor={periodId}>Period</Label>
        <NativeSelect
          className="w-auto"
          id={periodId}
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              Last {period} days
            </option>
          ))}
        </NativeSelect>
      </div>
      <p className={dialogDescriptionClasses}>
        Counts reach the console every {USAGE_FLUSH_MS / 1000} seconds: the newest tokens may take that long to appear.
      </p>
      {usage.isError && <Alert role="alert">{usage.error.message}</Alert>}
      {usage.isPending && !usage.isError && <p aria-live="polite">Loading usage…</p>}
      {usage.data && <UsageReport usage={usage.data} days={days} />}
      <DialogFooter>
        <Button onClick={onClose}>Close</Button>
      </DialogFooter>
    </FormDialog>
  );
}

function UsageReport({ usage, days }: { usage: ScopeUsageDto; days: number }) {
  const total = usage.tokensIssued.reduce((sum, day) => sum + day.count, 0);
  return (
    <>
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Usage figures">
        <Figure label="Tokens issued" value={total} />
        <Figure label="Requesting clients" value={usage.requestingClients} />
        <Figure label="Allowed clients" value={usage.allowedClients} />
        <Figure label="Consents" value={usage.consents} />
        <Figure label="Live grants" value={usage.liveGrants} />
        <div className={figureClasses}>
          <dt className="text-muted-foreground text-xs">Last requested</dt>
          <dd className="font-semibold text-sm">
            <DateTime value={usage.lastRequestedAt} />
          </dd>
        </div>
      </dl>
      <TokensChart daily={usage.tokensIssued} days={days} total={total} />
      <Table aria-label="Clients of this scope">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Client</TableHead>
            <TableHead scope="col">Allowed</TableHead>
            <TableHead scope="col">Tokens ({days} days)</TableHead>
            <TableHead scope="col">Last requested</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {usage.clients.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>No client may request this scope, and none did in this period.</TableCell>
            </TableRow>
          )}
          {usage.clients.map((client) => (
            <TableRow key={client.clientId}>
              <TableCell>
                {client.name} <span className="font-mono text-muted-foreground">{client.clientId}</span>
              </TableCell>
              <TableCell>{client.allowed ? "Yes" : "No"}</TableCell>
              <TableCell>{client.tokensIssued}</TableCell>
              <TableCell>
                <DateTime value={client.lastRequestedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

const figureClasses = "rounded-lg border px-3 py-2";

const Figure = ({ label, value }: { label: string; value: number }) => (
  <div className={figureClasses}>
    <dt className="text-muted-foreground text-xs">{label}</dt>
    <dd className="font-semibold text-xl">{value.toLocaleString()}</dd>
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
    <figure className="mb-4" aria-labelledby={captionId}>
      <figcaption id={captionId} className="mb-2 text-sm">
        Tokens issued per day. {summary}
      </figcaption>
      {/* The picture; the table below holds the same numbers for assistive technology. */}
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="date" tickFormatter={shortDate} minTickGap={16} fontSize={11} tick={AXIS_TICK} />
            <YAxis allowDecimals={false} width={40} fontSize={11} tick={AXIS_TICK} />
            <Tooltip formatter={(value) => [value, "Tokens"]} />
            <Bar dataKey="count" name="Tokens" fill="var(--primary)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary className="cursor-pointer text-primary text-sm">Show the numbers</summary>
        <Table aria-label="Tokens issued per day">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Day (UTC)</TableHead>
              <TableHead scope="col">Tokens</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {daily.map((day) => (
              <TableRow key={day.date}>
                <TableCell>{day.date}</TableCell>
                <TableCell>{day.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}

/** "2026-12-02" as "12-02": the axis has room for month and day only. */
const shortDate = (date: string) => date.slice(5);
