// Lifetimes in forms: human units in the inputs, seconds in the API, and a live reading of what
// was understood beside each input.
import { formatDuration, parseDuration } from "@/lib/duration";
import { DURATION_EXAMPLES } from "@/lib/validation";

export const lifetimeText = (seconds: number | null | undefined) => (seconds ? formatDuration(seconds) : "");

export const inheritHint = (seconds: number, from: string) => `Blank inherits ${formatDuration(seconds)} from ${from}.`;

/**
 * What the typed lifetime reads as ("Reads as 1 h 30 min."), or that it is not a duration yet;
 * nothing while blank or when it is already written as it would be shown.
 */
export function LifetimeReading({ value }: { value: unknown }) {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const seconds = parseDuration(text);
  if (seconds !== null && formatDuration(seconds) === text) return null;
  return (
    <span className="block" data-slot="lifetime-reading">
      {seconds === null || seconds === 0
        ? `Not a duration: try ${DURATION_EXAMPLES}.`
        : `Reads as ${formatDuration(seconds)}.`}
    </span>
  );
}
