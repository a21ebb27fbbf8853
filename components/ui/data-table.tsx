"use client";
// Pieces of the server-side tables: search box, sortable headers, pagination, list state.
import { useCallback, useEffect, useState } from "react";
import type { ListParams } from "@/lib/client/apis";
import { DEFAULT_PAGE_SIZE } from "@/lib/validation";

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
