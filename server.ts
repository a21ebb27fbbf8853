// `npm start` (and `npm run dev` with --dev): see lib/server/start-server.ts.
import { closeOnSignal, startServer } from "@/lib/server/start-server";

closeOnSignal(await startServer({ dev: process.argv.includes("--dev") }));
