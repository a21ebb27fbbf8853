// The listener's address header, on a real HTTP server on loopback, as Hono (the lean path) and
// Node's headers object (what Next.js reads) see it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, setClientAddress } from "@/lib/http/client-address";

let trustProxy = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  const hono = getRequestListener((request: Request) => Response.json({ hono: clientAddress(request) }));
  server = createServer((request, response) => {
    setClientAddress(request, trustProxy);
    if (request.url === "/node") {
      response.setHeader("content-type", "application/json");
      return response.end(JSON.stringify({ node: request.headers[CLIENT_ADDRESS_HEADER] }));
    }
    return hono(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = async (path: string, headers: Record<string, string> = {}) =>
  (await fetch(`${url}${path}`, { headers })).json();

describe("the client address header", () => {
  it("is the socket's address, whatever the client claims", async () => {
    trustProxy = 0;
    const spoofed = { [CLIENT_ADDRESS_HEADER]: "198.51.100.1", "x-forwarded-for": "198.51.100.2" };
    expect(await ask("/", spoofed)).toEqual({ hono: "127.0.0.1" });
    expect(await ask("/node", spoofed)).toEqual({ node: "127.0.0.1" });
  });

  it.each([
    [1, "198.51.100.2, 203.0.113.9", "203.0.113.9"],
    [2, "198.51.100.2, 203.0.113.9", "198.51.100.2"],
    [1, "", "127.0.0.1"],
    [3, "203.0.113.9", "203.0.113.9"],
    [1, "198.51.100.2, not-an-address", "127.0.0.1"],
  ])("behind %i proxies, X-Forwarded-For %j gives %s", async (proxies, forwarded, expected) => {
    trustProxy = proxies;
    const headers = { [CLIENT_ADDRESS_HEADER]: "198.51.100.1", "x-forwarded-for": forwarded };
    expect(await ask("/", headers)).toEqual({ hono: expected });
    expect(await ask("/node", headers)).toEqual({ node: expected });
  });
});
