import Link from "next/link";
import { connection } from "next/server";

export const metadata = { title: "Not found · Scope Console" };

/**
 * Rendered per request like every console page, so that its scripts carry the page's nonce (a
 * prerendered page has none, and the Content Security Policy would block them); styled by class
 * rather than by inline style, which the policy does not allow.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/apis">Go to the APIs</Link>.
      </p>
    </main>
  );
}
