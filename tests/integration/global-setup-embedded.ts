import type { TestProject } from "vitest/node";
import { createTestDatabase } from "@/lib/testing/test-database";

export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  project.provide("databaseUrl", database.url);
  project.provide("embedded", true);
  return () => database.drop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
  }
}
