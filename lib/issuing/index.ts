// The issuing engine: pure functions, no database, no clock of its own.
export { buildCatalogue, type ScopeCatalogue } from "./catalogue";
export { applyConsent, type ConsentScope, type ConsentScreen, consentScreen, deprecationText } from "./consent";
export {
  decideToken,
  type RefreshTokenDecision,
  type TokenDecision,
  type TokenError,
  type TokenRequest,
} from "./decide";
export { scopesSupported } from "./discovery";
export type { ExplanationLine } from "./explanation";
export { type DeprecatedScope, deprecationOf, isRetiredAt, lifecycleAt, sunsetHasPassed } from "./lifecycle";
export {
  DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS,
  MAX_REFRESH_REUSE_INTERVAL_SECONDS,
  withinReuseInterval,
} from "./refresh-reuse";
export {
  checkResources,
  defaultResourceUri,
  isResourceIndicator,
  RESOURCE_URI_MAX_LENGTH,
  type ResourceIndex,
} from "./resources";
export * from "./types";
