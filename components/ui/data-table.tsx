"use client";
// Pieces of the server-side tables: search box, sortable headers, pagination, list state. The list
// state lives in the URL, under the JSON API's own parameter names (page, pageSize, q, sort and the
// list's filters), so that reload, Back and a shared link show the same view.
import type { UseQueryResult } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { ListParams } from "@/lib/client/apis";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/validation";

/** Typing pauses this long before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 250;
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100] as const;

/** A copy of a selection with `item` in it (on) or not. */
export function toggled<T>(set: ReadonlySet<T>, item: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
}

/** After a delete empties the last page, go back to the last page that has rows (in place of the URL). */
export function useClampedPage(
  page: { page: number; pageCount: number } | undefined,
  setPage: (page: number, replace?: boolean) => void,
) {
  useEffect(() => {
    if (page && page.page > page.pageCount) setPage(page.pageCount, true);
  }, [page, setPage]);
}

const positive = (value: string | null, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : fallback;
};

/**
 * A server-side list's paging, search, sort and filters (`filterKeys`, blank: none), read from the
 * URL and written back to it: a new history entry per change, the typed search in place.
 */
export function useListState<F extends string = never>(defaultSort: string, filterKeys: readonly F[] = []) {
  const pathname = usePathname();
  const router = useRouter();
  const query = useSearchParams();
  /** Set once a row's action leaves the page: a search still pending then must not write over the new address. */
  const leaving = useRef(false);
  const params = useMemo<ListParams>(() => {
    const pageSize = positive(query.get("pageSize"), DEFAULT_PAGE_SIZE);
    return {
      page: positive(query.get("page"), 1),
      pageSize: (PAGE_SIZE_OPTIONS as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
      q: query.get("q")?.trim() ?? "",
      sort: query.get("sort") || defaultSort,
    };
  }, [query, defaultSort]);
  const filterText = filterKeys.map((key) => `${key}=${query.get(key) ?? ""}`).join("&");
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterText stands for the filters' values
  const filters = useMemo(
    () => Object.fromEntries(filterKeys.map((key) => [key, query.get(key) ?? ""])) as Record<F, string>,
    [filterText],
  );

  const update = useCallback(
    (changes: Record<string, string | number | undefined>, replace = false) => {
      const next = new URLSearchParams(window.location.search);
      const defaults: Record<string, string> = { page: "1", pageSize: String(DEFAULT_PAGE_SIZE), sort: defaultSort };
      for (const [key, value] of Object.entries(changes)) {
        const text = value === undefined ? "" : String(value);
        if (text === "" || defaults[key] === text) next.delete(key);
        else next.set(key, text);
      }
      const search = next.toString();
      const url = search ? `${pathname}?${search}` : pathname;
      // The history API, which Next.js's router follows (useSearchParams, Back): no server round
      // trip, and a navigation already under way (a row's link) is not undone by a late search.
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname, defaultSort],
  );

  // The search box holds what is typed; the URL gets it after a pause (and Back puts it back).
  const [search, setSearch] = useState(params.q);
  const q = useRef(params.q);
  q.current = params.q;
  useEffect(() => setSearch((current) => (current.trim() === params.q ? current : params.q)), [params.q]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!leaving.current && search.trim() !== q.current) update({ q: search.trim(), page: undefined }, true);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, update]);

  return {
    params,
    filters,
    search,
    setSearch,
    setPage: useCallback((page: number, replace = false) => update({ page }, replace), [update]),
    setPageSize: (pageSize: number) => update({ pageSize, page: undefined }),
    /** Changes filters and goes back to the first page. */
    setFilters: (changes: Partial<Record<F, string>>) => update({ ...changes, page: undefined }),
    toggleSort: (field: string) => update({ page: undefined, sort: params.sort === field ? `-${field}` : field }),
    /** Leaves the list for `href` (a row's page), dropping a search typed but not yet in the URL. */
    leave: (href: string) => {
      leaving.current = true;
      router.push(href);
    },
    /** The same for a link that leaves the list (its onClick); not one opened in another tab. */
    markLeaving: (event: React.MouseEvent) => {
      if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) leaving.current = true;
    },
  };
}

interface SortableHeaderProps {
  label: string;
  field: string;
  sort: string;
  onSort: (field: string) => void;
}

export function SortableHeader({ label, field, sort, onSort }: SortableHeaderProps) {
  const direction = sort === field ? "ascending" : sort === `-${field}` ? "descending" : "none";
  return (
    <TableHead scope="col" aria-sort={direction}>
      <button
        type="button"
        className="-mx-1 inline-flex cursor-pointer items-center gap-1 rounded px-1 py-0.5 hover:text-foreground"
        onClick={() => onSort(field)}
      >
        {label}
        <span aria-hidden="true" className="text-[0.7em] opacity-70">
          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </TableHead>
  );
}

interface SearchBoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

export function SearchBox({ label, value, onChange }: SearchBoxProps) {
  return (
    <Input
      type="search"
      className="sm:w-80"
      aria-label={label}
      placeholder={`${label}…`}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

interface PaginationProps {
  label: string;
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** What the list counts, singular and plural: ["scope", "scopes"]. */
  noun?: readonly [string, string];
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

const NUMBER = new Intl.NumberFormat("en-US");

export function Pagination({ label, page, pageCount, pageSize, total, noun, onPage, onPageSize }: PaginationProps) {
  const [one, many] = noun ?? ["item", "items"];
  const pageSizeId = useId();
  const jumpId = useId();
  const [jump, setJump] = useState("");
  return (
    <nav className="flex flex-wrap items-center gap-x-4 gap-y-2 text-muted-foreground text-sm" aria-label={label}>
      <span>
        {NUMBER.format(total)} {total === 1 ? one : many}
      </span>
      <span className="inline-flex items-center gap-2">
        <label htmlFor={pageSizeId}>Rows per page</label>
        <NativeSelect
          id={pageSizeId}
          className="w-20"
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
        >
          {PAGE_SIZE_OPTIONS.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </NativeSelect>
      </span>
      <span className="inline-flex items-center gap-2">
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(1)}>
          First
        </Button>
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <span aria-live="polite" className="whitespace-nowrap">
          Page {NUMBER.format(page)} of {NUMBER.format(pageCount)}
        </span>
        <Button variant="outline" size="sm" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next
        </Button>
        <Button variant="outline" size="sm" disabled={page >= pageCount} onClick={() => onPage(pageCount)}>
          Last
        </Button>
      </span>
      <form
        className="inline-flex items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const target = Number(jump);
          if (Number.isInteger(target) && target >= 1) onPage(Math.min(target, pageCount));
          setJump("");
        }}
      >
        <label htmlFor={jumpId}>Go to page</label>
        <Input
          id={jumpId}
          type="number"
          className="w-20"
          min={1}
          max={pageCount}
          inputMode="numeric"
          value={jump}
          onChange={(event) => setJump(event.target.value)}
        />
        <Button type="submit" variant="outline" size="sm">
          Go
        </Button>
      </form>
    </nav>
  );
}

interface TableStateRowProps {
  colSpan: number;
  children: React.ReactNode;
}

export function TableMessageRow({ colSpan, children }: TableStateRowProps) {
  return (
    <TableRow className="hover:bg-transparent">
      <TableCell colSpan={colSpan} className="py-8 text-center text-muted-foreground">
        {children}
      </TableCell>
    </TableRow>
  );
}

export function SkeletonRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return Array.from({ length: rows }, (_, row) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
    <TableRow key={row}>
      {Array.from({ length: columns }, (_, column) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
        <TableCell key={column}>
          <span className="block h-3.5 animate-pulse rounded bg-muted">
            {row === 0 && column === 0 && <span className="sr-only">Loading…</span>}
          </span>
        </TableCell>
      ))}
    </TableRow>
  ));
}

interface TableStatesProps {
  query: UseQueryResult<Page<unknown>>;
  columns: number;
  /** What the list holds, for the error message: "scopes". */
  noun: string;
  /** Shown when nothing exists yet; a search that matches nothing says so instead. */
  emptyText: string;
  q: string;
}

/** The loading, error and empty rows of a server-side table. */
export function TableStates({ query, columns, noun, emptyText, q }: TableStatesProps) {
  return (
    <>
      {query.isPending && <SkeletonRows columns={columns} />}
      {query.isError && (
        <TableMessageRow colSpan={columns}>
          <span role="alert">
            Could not load the {noun}: {query.error.message}
          </span>{" "}
          <Button variant="outline" size="sm" onClick={() => query.refetch()}>
            Retry
          </Button>
        </TableMessageRow>
      )}
      {query.data && query.data.total === 0 && (
        <TableMessageRow colSpan={columns}>{q ? `No ${noun} match "${q}".` : emptyText}</TableMessageRow>
      )}
    </>
  );
}

/** The row above a table: its search box and filters, wrapping on narrow screens. */
export function TableToolbar({ children }: { children: React.ReactNode }) {
  return <div className="mb-3 flex flex-wrap items-center gap-3">{children}</div>;
}

/** The row below a table: its pager, and the table's own action at the bottom right (Add Scope). */
export function TableFooter({ children }: { children: React.ReactNode }) {
  return <div className="mt-3 flex flex-wrap items-center gap-3 [&>:last-child]:ml-auto">{children}</div>;
}

/** The pager of a server-side table, bound to its list state. */
export function TablePager({
  label,
  noun,
  data,
  list,
}: {
  label: string;
  noun?: readonly [string, string];
  data?: Page<unknown>;
  list: { setPage: (page: number) => void; setPageSize: (pageSize: number) => void };
}) {
  if (!data) return null;
  return (
    <Pagination
      label={label}
      noun={noun}
      page={data.page}
      pageCount={data.pageCount}
      pageSize={data.pageSize}
      total={data.total}
      onPage={(page) => list.setPage(page)}
      onPageSize={list.setPageSize}
    />
  );
}
