import type { TestProject } from "vitest/node";
import { createTestDatabase } from "@/lib/testing/test-database";

export default async function setup(project: TestProject) {
  const database = await createTestDatabase(process.env.TEST_DATABASE_URL);
  project.provide("databaseUrl", database.url);
  project.provide("embedded", false);
  return () => database.drop();
}
