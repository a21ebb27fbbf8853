"use client";
// "Allowed scopes" of the client dialog: picked from the scopes that exist (the scope directory,
// GET /api/scopes), searched by name or display name and grouped by API, never typed. What is
// chosen shows above the search as a list with a Remove button each.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SEARCH_DEBOUNCE_MS } from "@/components/ui/data-table";
import { FormControl, FormDescription, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ScopeDirectoryEntry } from "@/lib/scopes/schemas";
import type { Page } from "@/lib/validation";

/** How many matches the picker shows at once: more are reached by searching. */
export const SCOPE_PICKER_PAGE_SIZE = 50;

function useScopeDirectory(q: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ["scope-directory", q],
    queryFn: () =>
      fetchJson<Page<ScopeDirectoryEntry>>(`/api/scopes${toQueryString({ q, pageSize: SCOPE_PICKER_PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
}

/** The page's entries grouped by API, in the order their first scope comes. */
function byApi(entries: ScopeDirectoryEntry[]) {
  const groups = new Map<string, { label: string; entries: ScopeDirectoryEntry[] }>();
  for (const entry of entries) {
    const group = groups.get(entry.apiId) ?? {
      label: entry.apiDisplayName ? `${entry.apiDisplayName} (${entry.apiName})` : entry.apiName,
      entries: [],
    };
    group.entries.push(entry);
    groups.set(entry.apiId, group);
  }
  return [...groups.entries()];
}

const NUMBER = new Intl.NumberFormat("en-US");

export function ScopePicker({ value, onChange }: { value: string[]; onChange: (names: string[]) => void }) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  // The matches show once the search is used, not on opening: the dialog opens on its Name.
  const [browsing, setBrowsing] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const directory = useScopeDirectory(q, browsing);
  const chosen = new Set(value);
  const set = (name: string, on: boolean) =>
    onChange(on ? [...value.filter((item) => item !== name), name] : value.filter((item) => item !== name));
  const chosenId = useId();
  const data = directory.data;

  return (
    <FormItem>
      <FormLabel>Allowed scopes</FormLabel>
      <div id={chosenId} className="flex flex-wrap gap-1.5 text-sm">
        {value.length === 0 ? (
          <span className="text-muted-foreground">None chosen yet.</span>
        ) : (
          <ul className="m-0 flex list-none flex-wrap gap-1.5 p-0" aria-label="Chosen scopes">
            {value.map((name) => (
              <li key={name} className="inline-flex items-center gap-1 rounded-md border bg-muted py-0.5 pr-0.5 pl-2">
                <span className="font-mono text-xs">{name}</span>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-6"
                  aria-label={`Remove ${name}`}
                  onClick={() => set(name, false)}
                >
                  <span aria-hidden="true">×</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FormControl>
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onFocus={() => setBrowsing(true)}
          placeholder="Search scopes by name…"
          autoComplete="off"
          spellCheck={false}
        />
      </FormControl>
      <FormMessage />
      <FormDescription>Search, then tick the scopes the client may request.</FormDescription>
      {browsing && (
        <div className="max-h-56 overflow-y-auto rounded-md border p-2" aria-busy={directory.isFetching}>
          {directory.isError && <p role="alert">The scopes could not be loaded: {directory.error.message}</p>}
          {data && data.items.length === 0 && <p className="text-muted-foreground text-sm">No scope matches.</p>}
          {data &&
            byApi(data.items).map(([apiId, group]) => (
              <fieldset key={apiId} className="m-0 mb-2 grid gap-1 border-0 p-0 last:mb-0">
                <legend className="mb-1 font-medium text-muted-foreground text-xs">{group.label}</legend>
                {group.entries.map((entry) => (
                  <label key={entry.name} className="flex items-baseline gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={chosen.has(entry.name)}
                      onChange={(event) => set(entry.name, event.target.checked)}
                    />
                    <span className="font-mono">{entry.name}</span>
                    {entry.displayName && (
                      <span className="text-muted-foreground text-xs" aria-hidden="true">
                        {entry.displayName}
                      </span>
                    )}
                  </label>
                ))}
              </fieldset>
            ))}
          {data && data.total > data.items.length && (
            <p className="mt-1 text-muted-foreground text-xs">
              Showing {NUMBER.format(data.items.length)} of {NUMBER.format(data.total)} scopes: search to find the
              others.
            </p>
          )}
        </div>
      )}
    </FormItem>
  );
}
