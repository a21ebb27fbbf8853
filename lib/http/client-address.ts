// The client's address, for the limits per address. Handlers get a Web Request, which has no
// socket: the server's listener (lib/server/start-server.ts) puts the address in a header of its
// own on every request, after deleting any copy the client sent, and handlers read it from there.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Set only by this server's listener; a client's own copy is deleted before. */
export const CLIENT_ADDRESS_HEADER = "x-scope-console-client-address";
/** What a request that did not come through the listener (a test calling a handler) counts as. */
export const UNKNOWN_ADDRESS = "unknown";

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** One spelling per address: an IPv4 address that a dual-stack socket reports as IPv6 is IPv4. */
const normalize = (address: string) => address.replace(IPV4_MAPPED, "$1");

/**
 * The address of whoever sent the request. With `trustProxy` proxies in front of this server,
 * each of which appends the address it was called from to X-Forwarded-For, it is the
 * `trustProxy`-th entry from the right (the one the farthest trusted proxy appended); entries
 * further left were written by the client and can say anything. Without proxies (0), the socket's.
 */
export function addressOf(request: IncomingMessage, trustProxy: number): string {
  const socket = request.socket.remoteAddress ?? UNKNOWN_ADDRESS;
  if (trustProxy === 0) return normalize(socket);
  const forwarded = (request.headers["x-forwarded-for"] ?? "")
    .toString()
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  // Fewer entries than proxies: the farthest address there is, as Express's `trust proxy` does.
  const chosen = chain[Math.max(0, chain.length - 1 - trustProxy)];
  return normalize(isIP(chosen) ? chosen : socket);
}

/** Sets CLIENT_ADDRESS_HEADER on an incoming request, replacing whatever the client sent under that name. */
export function setClientAddress(request: IncomingMessage, trustProxy: number): void {
  const address = addressOf(request, trustProxy);
  // Hono reads rawHeaders, Next.js reads headers: both must agree.
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i].toLowerCase() === CLIENT_ADDRESS_HEADER) raw.splice(i, 2);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  request.headers[CLIENT_ADDRESS_HEADER] = address;
}

/** The client's address, as the server's listener recorded it. */
export const clientAddress = (request: Request): string =>
  request.headers.get(CLIENT_ADDRESS_HEADER) ?? UNKNOWN_ADDRESS;
