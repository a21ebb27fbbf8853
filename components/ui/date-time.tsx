// A moment as people read it: in their locale and time zone, with the ISO value for machines.
// `never` is what an absent moment says ("Never", "No sunset").

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

export function DateTime({
  value,
  dateOnly = false,
  never = "Never",
}: {
  value: string | null;
  dateOnly?: boolean;
  never?: string;
}) {
  if (!value) return <>{never}</>;
  return <time dateTime={value}>{new Date(value).toLocaleString(undefined, dateOnly ? DATE : DATE_TIME)}</time>;
}
