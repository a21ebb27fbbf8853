// The protocol path's view of the configuration: settings, the scope catalogue, clients,
// signing keys and revoked token ids, held in memory. It reloads when this process changed the configuration (its
// epoch) or when ConfigVersion moved, which it checks at most every CONFIG_POLL_MS.

import { secretDigest } from "@/lib/clients/credentials";
import { configEpoch } from "@/lib/db/config-change";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  buildCatalogue,
  type ClientInfo,
  type GrantType,
  type ScopeCatalogue,
  type ServiceSettings,
} from "@/lib/issuing";
import { type KeyRing, loadKeyRing } from "@/lib/oauth/signing-keys";
import { scopeInfoSelect } from "@/lib/scopes/load-scope-infos";
import { getSettingsFrom } from "@/lib/settings/get-settings";

/** How stale another process's change may be on this process's token endpoints. */
export const CONFIG_POLL_MS = 1000;

export interface ClientRecord {
  info: ClientInfo;
  type: "confidential" | "public";
  /** The SHA-256 of the secret, as bytes. */
  secretDigest: Buffer | null;
  redirectUris: string[];
}

export interface ConfigSnapshot {
  version: number;
  settings: ServiceSettings;
  catalogue: ScopeCatalogue;
  clients: Map<string, ClientRecord>;
  keys: KeyRing;
  /** JWT ids of revoked, unexpired access tokens: introspection reads no database. */
  revokedJtis: Set<string>;
  /** Revoked grants whose tokens may not have expired yet (the `gid` claim of user tokens). */
  revokedGrants: Set<string>;
}

export class ConfigCache {
  private snapshot: ConfigSnapshot | null = null;
  private loading: Promise<ConfigSnapshot> | null = null;
  /** The epoch when the load in flight was asked for. */
  private loadingEpoch = -1;
  private checkedAt = 0;
  private epoch = -1;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly kek: Buffer,
    private readonly pollMs = CONFIG_POLL_MS,
  ) {}

  async get(): Promise<ConfigSnapshot> {
    const current = this.snapshot;
    const epoch = configEpoch();
    if (current && this.epoch === epoch && Date.now() - this.checkedAt < this.pollMs) return current;
    // A load asked for before this process's latest change may have read the database before it
    // (a client created a moment ago would be unknown): after it, load again.
    if (!this.loading || this.loadingEpoch !== epoch) {
      const previous = this.loading?.catch(() => null) ?? Promise.resolve(null);
      this.loadingEpoch = epoch;
      const loading: Promise<ConfigSnapshot> = previous
        .then(() => this.refresh(this.snapshot))
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Forgets the snapshot (after a key rotation, for example). */
  invalidate(): void {
    this.snapshot = null;
  }

  private async refresh(current: ConfigSnapshot | null): Promise<ConfigSnapshot> {
    const epoch = configEpoch();
    const row = await this.prisma.configVersion.findUnique({ where: { id: 1 }, select: { version: true } });
    const version = row?.version ?? 0;
    this.checkedAt = Date.now();
    if (current && version === current.version && epoch === this.epoch) return current;
    this.snapshot = await this.load(version);
    this.epoch = epoch;
    return this.snapshot;
  }

  private async load(version: number): Promise<ConfigSnapshot> {
    const now = new Date();
    const [settings, scopes, clients, keys, revoked, revokedGrants] = await Promise.all([
      getSettingsFrom(this.prisma),
      this.prisma.apiScope.findMany({ select: scopeInfoSelect }),
      this.prisma.oAuthClient.findMany(),
      loadKeyRing(this.prisma, this.kek),
      this.prisma.revokedToken.findMany({ where: { expiresAt: { gt: now } }, select: { jti: true } }),
      this.prisma.grant.findMany({
        where: { revokedAt: { not: null }, tokensExpireAt: { gt: now } },
        select: { id: true },
      }),
    ]);
    return {
      version,
      settings,
      catalogue: buildCatalogue(scopes),
      clients: new Map(
        clients.map((client) => [
          client.clientId,
          {
            info: {
              clientId: client.clientId,
              name: client.name,
              allowedScopes: client.allowedScopes,
              allowedGrantTypes: client.allowedGrantTypes as GrantType[],
              accessTokenLifetime: client.accessTokenLifetime,
              refreshTokenLifetime: client.refreshTokenLifetime,
            },
            type: client.type as ClientRecord["type"],
            secretDigest: secretDigest(client.secretHash),
            redirectUris: client.redirectUris,
          },
        ]),
      ),
      keys,
      revokedJtis: new Set(revoked.map((token) => token.jti)),
      revokedGrants: new Set(revokedGrants.map((grant) => grant.id)),
    };
  }
}
