// Lifetimes in forms: human units in the inputs, seconds in the API.
import { formatDuration } from "@/lib/duration";

export const lifetimeText = (seconds: number | null | undefined) => (seconds ? formatDuration(seconds) : "");

export const inheritHint = (seconds: number, from: string) => `Blank inherits ${formatDuration(seconds)} from ${from}.`;
