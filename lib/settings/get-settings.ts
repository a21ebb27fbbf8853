import { loadSettings } from "@/lib/config/load";
import { db } from "@/lib/db/client";

/** The service settings as GET /api/settings answers them. */
export const getSettings = () => loadSettings(db());
