import { TokenPreviewPage } from "@/components/token-preview/token-preview-page";

export const metadata = { title: "Token preview · Scope Console" };

export default function Page() {
  return <TokenPreviewPage />;
}
