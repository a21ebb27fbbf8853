// `npm run bench:issuing`: decisions per second of the pure issuing module for requests of
// 1, 10 and 100 scopes, over a catalogue of 1,000 scopes in 10 APIs.
import { buildCatalogue, DEFAULT_SERVICE_SETTINGS, decideToken, type ScopeInfo } from "@/lib/issuing";

const CATALOGUE = 1_000;
const APIS = 10;
const MIN_DURATION_NS = 1_000_000_000n;

const scopeList: ScopeInfo[] = Array.from({ length: CATALOGUE }, (_, i) => ({
  id: `scope_${i}`,
  name: `scope_${i}`,
  displayName: `Scope ${i}`,
  description: "",
  required: i % 250 === 0,
  emphasize: i % 7 === 0,
  showInDiscoveryDocument: true,
  accessTokenLifetime: i % 3 === 0 ? 600 + i : null,
  refreshTokenLifetime: i % 5 === 0 ? 3_600 + i : null,
  api: {
    id: `api_${i % APIS}`,
    name: `api_${i % APIS}`,
    resourceUri: `urn:bench:api_${i % APIS}`,
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
  },
}));
const scopes = buildCatalogue(scopeList);

function run(size: number) {
  const requestedScopes = Array.from({ length: size }, (_, i) => `scope_${(i * 7) % CATALOGUE}`);
  const request = {
    settings: DEFAULT_SERVICE_SETTINGS,
    scopes,
    client: null,
    grantType: "authorization_code" as const,
    requestedScopes,
    now: 1_800_000_000,
  };
  for (let i = 0; i < 200; i++) decideToken(request);
  let count = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < MIN_DURATION_NS) {
    for (let i = 0; i < 100; i++) {
      if (!decideToken(request).ok) throw new Error("refused");
    }
    count += 100;
    elapsed = process.hrtime.bigint() - started;
  }
  return (count * 1e9) / Number(elapsed);
}

console.log(`decideToken, catalogue of ${CATALOGUE} scopes in ${APIS} APIs\n`);
console.log("| scopes requested | decisions/s |\n| ---: | ---: |");
for (const size of [1, 10, 100]) console.log(`| ${size} | ${Math.round(run(size)).toLocaleString("en-US")} |`);
