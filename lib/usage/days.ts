// Usage is counted per UTC day: the day of an epoch-seconds instant, and the days of a window
// that ends today. Days are "YYYY-MM-DD" text, as the Date column and the JSON API both take them.
import { DAY } from "@/lib/issuing";

/** The UTC day of an instant (epoch seconds). */
export const utcDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The `days` UTC days that end with today's, oldest first. */
export function windowDays(now: number, days: number): string[] {
  return Array.from({ length: days }, (_, index) => utcDay(now - (days - 1 - index) * DAY));
}

/** A day as the Date that a @db.Date column holds (midnight UTC). */
export const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** A @db.Date column's value as its day. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The first of the `days` UTC days that end with today's. */
export const firstDay = (now: number, days: number) => utcDay(now - (days - 1) * DAY);

/** The first and last day of the window, as Prisma filters a @db.Date column by them. */
export function windowRange(now: number, days: number): { gte: Date; lte: Date } {
  return { gte: dayDate(firstDay(now, days)), lte: dayDate(utcDay(now)) };
}
