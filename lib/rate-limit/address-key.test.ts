import { describe, expect, it } from "vitest";
import { addressKey } from "@/lib/rate-limit/address-key";

describe("addressKey: what a limit per address counts by", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::99", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (address, key) => expect(addressKey(address)).toBe(key));

  it("two addresses of one /64 share a key; of two /64s, not", () => {
    expect(addressKey("2001:db8:a:b:1::1")).toBe(addressKey("2001:db8:a:b:ffff:ffff:ffff:ffff"));
    expect(addressKey("2001:db8:a:b::1")).not.toBe(addressKey("2001:db8:a:c::1"));
  });
});
