// Optimistic concurrency: every editable row carries a version that each update bumps. An update
// names the version it was made from and matches only that row, so saving over someone else's
// newer change is refused (409) rather than silently undoing it.
import { isRecordNotFound } from "@/lib/db/errors";
import { staleVersion } from "@/lib/errors";

/** The `data` addition of a versioned update (whose `where` names the version it was made from). */
export const nextVersion = { version: { increment: 1 } } as const;

/** Runs a versioned update; no row at that version (after the row was found) means a newer save. */
export async function versionedUpdate<T>(update: Promise<T>, what: string): Promise<T> {
  try {
    return await update;
  } catch (error) {
    if (isRecordNotFound(error)) throw staleVersion(what);
    throw error;
  }
}
