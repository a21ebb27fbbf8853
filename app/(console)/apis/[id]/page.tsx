import { Suspense } from "react";
import { EditApiPage } from "@/components/apis/edit-api-page";

export const metadata = { title: "Edit API · Scope Console" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <EditApiPage id={id} />
    </Suspense>
  );
}
