// Time as the protocol counts it: epoch seconds (JWT's NumericDate), and the one conversion to and
// from the Date of a database column. Every clock is a function, so that tests can move it.

/** Epoch seconds now; the console and the protocol path take it as an argument. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** Epoch seconds as the Date a DateTime column stores. */
export const dateOf = (seconds: number) => new Date(seconds * 1000);

/** A DateTime column's value as epoch seconds (whole seconds, rounded down). */
export const secondsOf = (date: Date) => Math.floor(date.getTime() / 1000);
