export {
  CLICK_ID_LENGTH,
  CLICK_ID_VERSION,
  type ClickIdFacts,
  type ClickIdSigner,
  type ClickIdVerdict,
  createClickIdSigner,
  signClickId,
  verifyClickId,
} from './click-id.ts'
export { type TrackerConfig, TrackerConfigError, trackerConfigFromEnv } from './config.ts'
export { CHANGE_CHANNEL, type TrackerChange } from './links/change-feed.ts'
export { canonicalParams, signBody, signParams } from './postback/signature.ts'
export { type RunningTracker, type StartTrackerOptions, startTracker } from './server.ts'
export type { EventInserter, InsertBatch } from './spool/inserter.ts'
