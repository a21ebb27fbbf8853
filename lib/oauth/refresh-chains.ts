// The grants of the refresh tokens this process issued, remembered by the token's hash, so that
// a refresh of such a token (the usual case: a client refreshes what this server just gave it)
// costs one statement, the rotation, instead of a lookup and then the rotation. A grant's
// identity, client, user, times and scopes never change once made, except that deleting a scope
// takes its name out of every grant: a configuration change, which drops every entry. Whether
// the token is still unused, unexpired, its grant not revoked and its user not disabled is
// decided by the rotation statement itself (rotateRefreshToken); when it rotates nothing, the
// refresh takes the full path, which looks the token up and says why.

import type { NewGrant } from "@/lib/oauth/grant-store";

/** How many tokens are remembered at most, the least recently used going first (~200 bytes each). */
export const REFRESH_CHAINS_MAX_ENTRIES = 10_000;

/** What a refresh needs of a token: its expiry and its grant, in epoch seconds. */
export interface KnownRefreshToken {
  expiresAt: number;
  grant: NewGrant;
}

export class RefreshChainCache {
  private config: object | null = null;
  private readonly entries = new Map<string, KnownRefreshToken>();

  constructor(private readonly maxEntries = REFRESH_CHAINS_MAX_ENTRIES) {}

  /** The token of `hash`, if this process issued it under the configuration `config`; forgotten once asked for. */
  take(config: object, hash: string): KnownRefreshToken | undefined {
    this.follow(config);
    const known = this.entries.get(hash);
    this.entries.delete(hash);
    return known;
  }

  remember(config: object, hash: string, token: KnownRefreshToken): void {
    this.follow(config);
    if (this.maxEntries === 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(hash, token);
  }

  /** A reloaded configuration (a scope deleted from grants, among others) drops everything. */
  private follow(config: object): void {
    if (config === this.config) return;
    this.entries.clear();
    this.config = config;
  }
}
