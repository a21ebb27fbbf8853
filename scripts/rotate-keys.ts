// `npm run keys:rotate`: retires the active signing key and creates a new one. Tokens signed
// with the retired key still verify (it stays in the JWKS); running servers pick the change up
// within a second.

import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { connectForScript } from "@/lib/db/embedded-handle";
import { loadEnv } from "@/lib/env";
import { loadKeyEncryptionKey } from "@/lib/oauth/key-encryption";
import { rotateSigningKey } from "@/lib/oauth/signing-keys";

const env = loadEnv();
const database = await connectForScript(env);
process.env.DATABASE_URL = database.url;
await changeConfig(db(), (tx) => rotateSigningKey(tx, loadKeyEncryptionKey(env)));
const keys = await db().signingKey.findMany({ select: { kid: true, retiredAt: true }, orderBy: { createdAt: "asc" } });
for (const key of keys)
  console.log(`${key.kid}  ${key.retiredAt ? `retired ${key.retiredAt.toISOString()}` : "active"}`);
await db().$disconnect();
await database.stop();
