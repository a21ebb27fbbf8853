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
