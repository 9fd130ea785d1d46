export { hashPassword, verifyPassword } from './auth/passwords.ts'
export { migrateClickHouse } from './clickhouse/migrate.ts'
export type { ClickRow, EventRow, EventType, SubIds } from './clickhouse/rows.ts'
export { emptyEventRow, NIL_UUID } from './clickhouse/rows.ts'
export type { ClickHouseTarget, PostgresTarget, StoreSelection } from './config.ts'
export { ConfigError, describeIssues, storeConfigFromEnv } from './config.ts'
export { migratePostgres } from './postgres/migrate.ts'
export { openPostgres, type PostgresHandle } from './postgres/open.ts'
export type {
  AdminRole,
  Commission,
  CommissionStatus,
  Conversion,
  ConversionStatus,
  Database,
  EnrollmentStatus,
  Link,
  NewCommission,
  NewConversion,
  Partner,
  PartnerPostbacksTable,
  PartnerType,
  Program,
  ProgramUpdate,
  User,
  WebhookDeliveriesTable,
} from './postgres/schema.ts'
// Repositories (functions over a Kysely<Database> or a transaction)
export { type AuditEntry, insertAuditRow } from './repositories/audit-log.ts'
export {
  findDueHeldConversionIds,
  type LockedConversion,
  lockConversion,
  setConversionStatus,
  setPendingLedgerRowsStatus,
} from './repositories/held-conversions.ts'
export {
  type ClaimedOutboxRow,
  claimOutboxAttempt,
  countOutbox,
  enqueueOutboxEvent,
  lockOutboxRow,
  lockUndispatchedOutbox,
  markOutboxDead,
  markOutboxDelivered,
  markOutboxDispatched,
  type OutboxEvent,
  type OutboxRowRef,
  requeueOutboxRow,
} from './repositories/outbox.ts'
export {
  findPartnerPostback,
  loadPostbackConversionFacts,
  type PartnerPostbackRow,
  type PostbackConversionFacts,
  upsertPartnerPostback,
} from './repositories/partner-postbacks.ts'
export { findProgramRef, isEnrolled } from './repositories/program-refs.ts'
export { deleteExpiredSessions } from './repositories/sessions.ts'
export {
  type DeliveryLogRow,
  type DeliveryOutcome,
  finishDeliveryAttempt,
  listDeliveries,
  type NewDeliveryAttempt,
  startDeliveryAttempt,
} from './repositories/webhook-deliveries.ts'
export {
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  type WebhookEndpointRow,
} from './repositories/webhook-endpoints.ts'
export type { Stores } from './stores.ts'
export { openStores } from './stores.ts'
