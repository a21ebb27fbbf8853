// Applies pending migrations with `prisma migrate deploy`, asynchronously: the embedded database
// may be served by this very process, which must stay free to answer the CLI.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const prismaScript = fileURLToPath(new URL("../../scripts/prisma.mjs", import.meta.url));

export function migrateDatabase(databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaScript, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code})\n${output}`)),
    );
  });
}
