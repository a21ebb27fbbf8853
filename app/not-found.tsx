import Link from "next/link";
import { connection } from "next/server";
import { Page, PageHeader } from "@/components/ui/page";

export const metadata = { title: "Not found · Scope Console" };

/**
 * Rendered per request like every console page, so that its scripts carry the page's nonce (a
 * prerendered page has none, and the Content Security Policy would block them); styled by class
 * rather than by inline style, which the policy does not allow.
 */
export default async function NotFound() {
  await connection();
  return (
    <Page narrow>
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <Link href="/apis">Go to the APIs</Link>.
      </p>
    </Page>
  );
}
