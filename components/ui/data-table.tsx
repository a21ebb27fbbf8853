"use client";
// Pieces of the server-side tables: search box, sortable headers, pagination, list state. The list
// state lives in the URL, under the JSON API's own parameter names (page, pageSize, q, sort and the
// list's filters), so that reload, Back and a shared link show the same view.
import type { UseQueryResult } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
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
  const query = useSearchParams();
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
      if (search.trim() !== q.current) update({ q: search.trim(), page: undefined }, true);
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
    <th scope="col" aria-sort={direction}>
      <button type="button" className="sort-button" onClick={() => onSort(field)}>
        {label}
        <span aria-hidden="true" className="sort-indicator">
          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}

interface SearchBoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

export function SearchBox({ label, value, onChange }: SearchBoxProps) {
  return (
    <input
      type="search"
      className="search"
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
  const jumpId = useId();
  const [jump, setJump] = useState("");
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        {NUMBER.format(total)} {total === 1 ? one : many}
      </span>
      <label className="page-size">
        Rows per page
        <select value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {PAGE_SIZE_OPTIONS.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(1)}>
        First
      </button>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {NUMBER.format(page)} of {NUMBER.format(pageCount)}
      </span>
      <button type="button" className="button" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next
      </button>
      <button type="button" className="button" disabled={page >= pageCount} onClick={() => onPage(pageCount)}>
        Last
      </button>
      <form
        className="page-size"
        onSubmit={(event) => {
          event.preventDefault();
          const target = Number(jump);
          if (Number.isInteger(target) && target >= 1) onPage(Math.min(target, pageCount));
          setJump("");
        }}
      >
        <label htmlFor={jumpId}>Go to page</label>
        <input
          id={jumpId}
          type="number"
          min={1}
          max={pageCount}
          inputMode="numeric"
          value={jump}
          onChange={(event) => setJump(event.target.value)}
        />
        <button type="submit" className="button">
          Go
        </button>
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
    <tr>
      <td colSpan={colSpan} className="table-message">
        {children}
      </td>
    </tr>
  );
}

export function SkeletonRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return Array.from({ length: rows }, (_, row) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
    <tr key={row} className="skeleton-row">
      {Array.from({ length: columns }, (_, column) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
        <td key={column}>
          <span className="skeleton">
            {row === 0 && column === 0 && <span className="visually-hidden">Loading…</span>}
          </span>
        </td>
      ))}
    </tr>
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
          <button type="button" className="button" onClick={() => query.refetch()}>
            Retry
          </button>
        </TableMessageRow>
      )}
      {query.data && query.data.total === 0 && (
        <TableMessageRow colSpan={columns}>{q ? `No ${noun} match "${q}".` : emptyText}</TableMessageRow>
      )}
    </>
  );
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
