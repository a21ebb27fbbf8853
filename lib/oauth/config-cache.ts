// The protocol path's view of what it decides from, held in memory in two parts that change
// apart (lib/config/change.ts): the configuration (settings, the scope catalogue, clients, signing
// keys) and the revocations (revoked access tokens, revoked grants, disabled users). A part
// reloads when this process changed it (its change signal) or when its ConfigVersion row moved,
// which is checked at most every CONFIG_POLL_MS in one query for both. A revocation reloads the
// revocations only: revoking a token does not reload every client, scope and key.

import { type ChangeKind, type ChangeSignal, VERSION_ROWS } from "@/lib/config/change";
import { loadIssuingInputs, type StoredClient } from "@/lib/config/load";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildCatalogue, type ScopeCatalogue, type ServiceSettings } from "@/lib/issuing";
import { type KeyRing, loadKeyRing } from "@/lib/oauth/signing-keys";

/** How stale another process's change may be on this process's token endpoints. */
export const CONFIG_POLL_MS = 1000;

export type ClientRecord = StoredClient;

export interface Revocations {
  /** JWT ids of revoked, unexpired access tokens: introspection reads no database. */
  jtis: ReadonlySet<string>;
  /** Revoked grants whose tokens may not have expired yet (the `gid` claim of user tokens). */
  grants: ReadonlySet<string>;
  /** Users whose account is disabled: none of their tokens is active. */
  disabledUsers: ReadonlySet<string>;
}

export interface ConfigSnapshot {
  settings: ServiceSettings;
  catalogue: ScopeCatalogue;
  clients: ReadonlyMap<string, ClientRecord>;
  keys: KeyRing;
  revocations: Revocations;
}

type Configuration = Omit<ConfigSnapshot, "revocations">;

/** One part of the cache: its value, the version and the local change count it was loaded at. */
interface Part<T> {
  value: T;
  version: number;
  signal: number;
}

const KINDS: readonly ChangeKind[] = ["config", "revocations"];

export class ConfigCache {
  private config: Part<Configuration> | null = null;
  private revocations: Part<Revocations> | null = null;
  private snapshot: ConfigSnapshot | null = null;
  private loading: Promise<ConfigSnapshot> | null = null;
  /** The local change counts when the load in flight was asked for. */
  private loadingFor = "";
  private checkedAt = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly kek: Buffer,
    private readonly signal: ChangeSignal,
    private readonly pollMs = CONFIG_POLL_MS,
  ) {}

  async get(): Promise<ConfigSnapshot> {
    const current = this.snapshot;
    if (current && this.upToDateLocally() && Date.now() - this.checkedAt < this.pollMs) return current;
    // A load asked for before this process's latest change may have read the database before it
    // (a client created a moment ago would be unknown): after it, load again.
    const asked = this.localCounts();
    if (!this.loading || this.loadingFor !== asked) {
      const previous = this.loading?.catch(() => null) ?? Promise.resolve(null);
      this.loadingFor = asked;
      const loading: Promise<ConfigSnapshot> = previous
        .then(() => this.refresh())
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Forgets what it holds (after a key rotation, for example). */
  invalidate(): void {
    this.config = null;
    this.revocations = null;
    this.snapshot = null;
  }

  private localCounts = () => KINDS.map((kind) => this.signal.current(kind)).join(":");

  private upToDateLocally(): boolean {
    return (
      this.config?.signal === this.signal.current("config") &&
      this.revocations?.signal === this.signal.current("revocations")
    );
  }

  private async refresh(): Promise<ConfigSnapshot> {
    const signals = { config: this.signal.current("config"), revocations: this.signal.current("revocations") };
    const rows = await this.prisma.configVersion.findMany({
      where: { id: { in: Object.values(VERSION_ROWS) } },
      select: { id: true, version: true },
    });
    const versionOf = (kind: ChangeKind) => rows.find((row) => row.id === VERSION_ROWS[kind])?.version ?? 0;
    this.checkedAt = Date.now();
    const stale = <T>(part: Part<T> | null, kind: ChangeKind) =>
      !part || part.version !== versionOf(kind) || part.signal !== signals[kind];
    const [config, revocations] = await Promise.all([
      stale(this.config, "config")
        ? this.loadConfiguration().then((value) => ({ value, version: versionOf("config"), signal: signals.config }))
        : (this.config as Part<Configuration>),
      stale(this.revocations, "revocations")
        ? this.loadRevocations().then((value) => ({
            value,
            version: versionOf("revocations"),
            signal: signals.revocations,
          }))
        : (this.revocations as Part<Revocations>),
    ]);
    if (config !== this.config || revocations !== this.revocations || !this.snapshot) {
      this.config = config;
      this.revocations = revocations;
      this.snapshot = { ...config.value, revocations: revocations.value };
    }
    return this.snapshot;
  }

  private async loadConfiguration(): Promise<Configuration> {
    const [inputs, keys] = await Promise.all([loadIssuingInputs(this.prisma), loadKeyRing(this.prisma, this.kek)]);
    return {
      settings: inputs.settings,
      catalogue: buildCatalogue(inputs.scopes),
      clients: new Map(inputs.clients.map((client) => [client.info.clientId, client])),
      keys,
    };
  }

  private async loadRevocations(): Promise<Revocations> {
    const now = new Date();
    const [jtis, grants, users] = await Promise.all([
      this.prisma.revokedToken.findMany({ where: { expiresAt: { gt: now } }, select: { jti: true } }),
      this.prisma.grant.findMany({
        where: { revokedAt: { not: null }, tokensExpireAt: { gt: now } },
        select: { id: true },
      }),
      this.prisma.user.findMany({ where: { disabledAt: { not: null } }, select: { id: true } }),
    ]);
    return {
      jtis: new Set(jtis.map((token) => token.jti)),
      grants: new Set(grants.map((grant) => grant.id)),
      disabledUsers: new Set(users.map((user) => user.id)),
    };
  }
}
