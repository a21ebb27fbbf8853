// Access tokens this process has verified, remembered by their SHA-256 so that a resource server
// introspecting the same token again costs no signature check (the JWS verification is most of
// an introspection's cost). Only what the signature proves is kept: the claims of a token of our
// issuer, signed by one of the keys it was verified with. The rest of "is it active" (expiry,
// revocations, disabled users, deleted clients) is checked again on every hit against the
// current snapshot (lib/oauth/token-status.ts), so that a revocation counts at once. A reload of
// the configuration (a new key ring: a client, scope, setting or key changed) drops every entry.
import type { KeyRing } from "@/lib/oauth/signing-keys";
import { hashSecret } from "@/lib/secrets/hash";

/**
 * How many tokens are remembered at most, the least recently used going first: about 1 KB each
 * (a hash and a JWT's claims), so some 10 MB at most.
 */
export const VERIFIED_TOKENS_MAX_ENTRIES = 10_000;

export class VerifiedTokenCache<Claims extends { exp: number }> {
  private keys: KeyRing | null = null;
  private readonly entries = new Map<string, Claims>();

  constructor(private readonly maxEntries = VERIFIED_TOKENS_MAX_ENTRIES) {}

  /**
   * The claims of `token` as verified before under `keys`, while it has not expired at `now`;
   * otherwise whatever `verify` makes of it, remembered when it verified.
   */
  async claims(keys: KeyRing, token: string, now: number, verify: () => Promise<Claims | null>) {
    if (keys !== this.keys) {
      this.entries.clear();
      this.keys = keys;
    }
    const hash = hashSecret(token);
    const known = this.entries.get(hash);
    if (known) {
      this.entries.delete(hash);
      // As jose decides: a token is expired from its `exp` on.
      if (now >= known.exp) return null;
      this.entries.set(hash, known);
      return known;
    }
    const verified = await verify();
    // The key ring may have been replaced while the signature was checked.
    if (verified && keys === this.keys && this.maxEntries > 0) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(hash, verified);
    }
    return verified;
  }

  /** How many tokens it holds now. */
  get size(): number {
    return this.entries.size;
  }
}
