// Lifetimes are stored in seconds and shown to people in human units ("10 min", "1 h", "180 d").

const UNITS = [
  { symbol: "d", seconds: 86_400, names: ["d", "day", "days"] },
  { symbol: "h", seconds: 3_600, names: ["h", "hr", "hrs", "hour", "hours"] },
  { symbol: "min", seconds: 60, names: ["m", "min", "mins", "minute", "minutes"] },
  { symbol: "s", seconds: 1, names: ["s", "sec", "secs", "second", "seconds"] },
] as const;

const UNIT_BY_NAME = new Map<string, number>(UNITS.flatMap((unit) => unit.names.map((name) => [name, unit.seconds])));
const PART = /(\d+)\s*([a-z]+)?/gy;

/** "1 h 30 min" -> 5400; a bare number is seconds. Returns null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const input = text.trim().toLowerCase().replace(/,/g, " ");
  if (!input) return null;
  let total = 0;
  let index = 0;
  PART.lastIndex = 0;
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
  return Number.isSafeInteger(total) ? total : null;
}

/** 5400 -> "1 h 30 min"; 15552000 -> "180 d". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0 s";
  const parts: string[] = [];
  let rest = seconds;
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.seconds);
    if (count > 0) {
      parts.push(`${count} ${unit.symbol}`);
      rest -= count * unit.seconds;
    }
  }
  return parts.join(" ");
}
