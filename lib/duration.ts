// Lifetimes are stored in seconds and shown to people in human units ("10 min", "1 h", "180 d").
// People type them as they say them ("2 weeks", "1.5 h", "1 y", "1h 30m") or as ISO 8601
// durations ("PT10M", "P1Y2M"); a bare number is seconds.

const DAY = 86_400;
/** Calendar units have no fixed length: a year counts as 365 days and a month as 30, as in Keycloak and Auth0. */
const YEAR = 365 * DAY;
const MONTH = 30 * DAY;
const WEEK = 7 * DAY;

/** The units a lifetime is shown in, largest first. Weeks, months and years are typed, never shown. */
const SHOWN_UNITS = [
  { symbol: "d", seconds: DAY },
  { symbol: "h", seconds: 3_600 },
  { symbol: "min", seconds: 60 },
  { symbol: "s", seconds: 1 },
] as const;

const UNIT_BY_NAME = new Map<string, number>([
  ...["y", "yr", "yrs", "year", "years"].map((name) => [name, YEAR] as const),
  ...["mo", "mon", "month", "months"].map((name) => [name, MONTH] as const),
  ...["w", "wk", "wks", "week", "weeks"].map((name) => [name, WEEK] as const),
  ...["d", "day", "days"].map((name) => [name, DAY] as const),
  ...["h", "hr", "hrs", "hour", "hours"].map((name) => [name, 3_600] as const),
  ...["m", "min", "mins", "minute", "minutes"].map((name) => [name, 60] as const),
  ...["s", "sec", "secs", "second", "seconds"].map((name) => [name, 1] as const),
]);

const PART = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?/y;
/** ISO 8601 durations: PnYnMnWnDTnHnMnS, each part optional, the last one may have a fraction. */
const ISO =
  /^p(?:(\d+(?:\.\d+)?)y)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/;
const ISO_UNITS = [YEAR, MONTH, WEEK, DAY, 3_600, 60, 1];

/** A sum of parts is a whole number of seconds, or not a lifetime ("1.5 s" is not). */
function wholeSeconds(total: number): number | null {
  const rounded = Math.round(total * 1e6) / 1e6;
  return Number.isSafeInteger(rounded) ? rounded : null;
}

function parseIso(input: string): number | null {
  const match = ISO.exec(input);
  if (!match || input === "p" || input.endsWith("t")) return null;
  let total = 0;
  ISO_UNITS.forEach((unit, i) => {
    if (match[i + 1] !== undefined) total += Number(match[i + 1]) * unit;
  });
  return wholeSeconds(total);
}

/** "1 h 30 min" -> 5400, "2 weeks" -> 1209600, "PT10M" -> 600; a bare number is seconds. Null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const input = text.trim().toLowerCase().replace(/,/g, " ");
  if (!input) return null;
  if (input.startsWith("p")) return parseIso(input);
  let total = 0;
  let index = 0;
  while (index < input.length) {
    while (input[index] === " ") index++;
    if (index >= input.length) break;
    PART.lastIndex = index;
    const match = PART.exec(input);
    if (!match) return null;
    const unit = match[2] === undefined ? 1 : UNIT_BY_NAME.get(match[2]);
    if (unit === undefined) return null;
    total += Number(match[1]) * unit;
    index = PART.lastIndex;
  }
  return wholeSeconds(total);
}

/** 5400 -> "1 h 30 min"; 15552000 -> "180 d". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0 s";
  const parts: string[] = [];
  let rest = seconds;
  for (const unit of SHOWN_UNITS) {
    const count = Math.floor(rest / unit.seconds);
    if (count > 0) {
      parts.push(`${count} ${unit.symbol}`);
      rest -= count * unit.seconds;
    }
  }
  return parts.join(" ");
}
