"use client";
// Pieces of the server-side tables: search box, sortable headers, pagination, list state.
import type { UseQueryResult } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { ListParams } from "@/lib/client/apis";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/validation";

/** Typing pauses this long before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 250;
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100] as const;

/** After a delete empties the last page, go back to the last page that has rows. */
export function useClampedPage(page: { page: number; pageCount: number } | undefined, setPage: (page: number) => void) {
  useEffect(() => {
    if (page && page.page > page.pageCount) setPage(page.pageCount);
  }, [page, setPage]);
}

export function useListState(defaultSort: string) {
  const [search, setSearch] = useState("");
  const [params, setParams] = useState<ListParams>({ page: 1, pageSize: DEFAULT_PAGE_SIZE, q: "", sort: defaultSort });

  useEffect(() => {
    const timer = setTimeout(
      () => setParams((current) => (current.q === search.trim() ? current : { ...current, q: search.trim(), page: 1 })),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [search]);

  return {
    params,
    search,
    setSearch,
    setPage: useCallback((page: number) => setParams((current) => ({ ...current, page })), []),
    setPageSize: (pageSize: number) => setParams((current) => ({ ...current, pageSize, page: 1 })),
    toggleSort: (field: string) =>
      setParams((current) => ({ ...current, page: 1, sort: current.sort === field ? `-${field}` : field })),
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
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

export function Pagination({ label, page, pageCount, pageSize, total, onPage, onPageSize }: PaginationProps) {
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        {total} {total === 1 ? "item" : "items"}
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
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {pageCount}
      </span>
      <button type="button" className="button" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next
      </button>
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
  data,
  list,
}: {
  label: string;
  data?: Page<unknown>;
  list: ReturnType<typeof useListState>;
}) {
  if (!data) return null;
  return (
    <Pagination
      label={label}
      page={data.page}
      pageCount={data.pageCount}
      pageSize={data.pageSize}
      total={data.total}
      onPage={list.setPage}
      onPageSize={list.setPageSize}
    />
  );
}
