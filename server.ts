// `npm start` (and `npm run dev` with --dev): see lib/server/start-server.ts.
import { EmbeddedDatabaseError } from "@/lib/db/embedded";
import { closeOnSignal, startServer } from "@/lib/server/start-server";

try {
  closeOnSignal(await startServer({ dev: process.argv.includes("--dev") }));
} catch (error) {
  // A start that cannot go on says what to do, without a stack trace.
  if (!(error instanceof EmbeddedDatabaseError)) throw error;
  console.error(`Scope Console cannot start: ${error.message}`);
  process.exit(1);
}
