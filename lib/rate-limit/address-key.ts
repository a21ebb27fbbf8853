// What a limit per client address counts by. One IPv6 host usually holds a whole /64 (SLAAC and
// privacy addresses, and providers hand out /64s), so counting each IPv6 address alone would give
// it 2^64 separate limits: IPv6 addresses count by their /64, IPv4 addresses one by one.
import { isIPv4, isIPv6 } from "node:net";

/** Groups of 16 bits in an IPv6 address, and how many of them make the /64 prefix. */
const IPV6_GROUPS = 8;
const IPV6_PREFIX_GROUPS = 4;

/** The eight groups of an IPv6 address, `::` expanded and an IPv4 tail turned into two groups. */
function ipv6Groups(address: string): string[] {
  let text = address.split("%")[0].toLowerCase();
  const tail = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const zeros = rest === undefined ? [] : Array(IPV6_GROUPS - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}

/** The address a limit counts by: an IPv4 address itself, an IPv6 address's /64; anything else as given. */
export function addressKey(address: string): string {
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, IPV6_PREFIX_GROUPS).join(":")}::/64`;
}
