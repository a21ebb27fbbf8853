"use client";
// Pieces of the server-side tables: search box, sortable headers, pagination, list state.
import type { UseQueryResult } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
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
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

export function Pagination({ label, page, pageCount, pageSize, total, onPage, onPageSize }: PaginationProps) {
  const pageSizeId = useId();
  return (
    <nav className="flex flex-wrap items-center gap-x-4 gap-y-2 text-muted-foreground text-sm" aria-label={label}>
      <span>
        {total} {total === 1 ? "item" : "items"}
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
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <span aria-live="polite" className="whitespace-nowrap">
          Page {page} of {pageCount}
        </span>
        <Button variant="outline" size="sm" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </span>
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
