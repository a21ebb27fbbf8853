// The reuse interval of rotating refresh tokens. RFC 9700 4.14.2 revokes the grant when a rotated
// refresh token is presented again; when the rotation committed but its response was lost (a
// crash, a dropped connection), that punishes the client's honest retry. Within this many seconds
// of the rotation, a retry whose successor is still unused gets a fresh rotation instead
// (docs/authorization-server.md, "Refresh token reuse interval").

/**
 * 30 s: long enough for a client to see its connection fail and retry, or for a killed server to
 * come back, and Okta's default too; short enough that a stolen token is worth little.
 */
export const DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS = 30;

/** The longest interval accepted: the most Okta and Amazon Cognito allow. */
export const MAX_REFRESH_REUSE_INTERVAL_SECONDS = 60;

/**
 * Whether a refresh token rotated at `rotatedAt` is still within the reuse interval at `now`
 * (epoch seconds). An interval of 0 never is: every reuse revokes the grant.
 */
export const withinReuseInterval = (rotatedAt: number, now: number, interval: number) =>
  interval > 0 && now - rotatedAt < interval;
