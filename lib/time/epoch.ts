// Time as the protocol counts it: epoch seconds (JWT's NumericDate), and the one conversion to and
// from the Date of a database column. Every clock is a function, so that tests can move it.

/** Epoch seconds now; the console and the protocol path take it as an argument. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** Epoch seconds as the Date a DateTime column stores. */
export const dateOf = (seconds: number) => new Date(seconds * 1000);

/** A DateTime column's value as epoch seconds (whole seconds, rounded down). */
export const secondsOf = (date: Date) => Math.floor(date.getTime() / 1000);

/** Epoch seconds as an ISO 8601 instant, as the JSON API writes moments. */
export const isoInstant = (seconds: number) => dateOf(seconds).toISOString();

/** Epoch seconds as people read a moment in a sentence the server writes: "2028-12-01 10:00 UTC". */
export const humanInstant = (seconds: number) => `${isoInstant(seconds).slice(0, 16).replace("T", " ")} UTC`;
