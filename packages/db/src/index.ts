export { hashPassword, verifyPassword } from './auth/passwords.ts'
export { type ClickTouchRow, clickTouches } from './clickhouse/conversion-touches.ts'
export { type EventTotals, eventTotals } from './clickhouse/event-totals.ts'
export { insertClickRows } from './clickhouse/insert-clicks.ts'
export { insertEventRows } from './clickhouse/insert-events.ts'
export { type ClickCounts, SUB_ID_KEYS, type SubIdKey } from './clickhouse/link-stats.ts'
export { migrateClickHouse } from './clickhouse/migrate.ts'
export { chInt, chRows } from './clickhouse/query.ts'
export {
  type ReportDimension,
  type ReportParams,
  type ReportRow,
  type ReportSort,
  reportRows,
} from './clickhouse/report-queries.ts'
export { type ClickDay, clicksByDay, humanClicksByLink, humanClicksByPartner } from './clickhouse/rollups.ts'
export type { ClickRow, EventRow, EventType, SubIds } from './clickhouse/rows.ts'
export { emptyEventRow, NIL_UUID } from './clickhouse/rows.ts'
export type { ClickHouseTarget, PostgresTarget, StoreSelection } from './config.ts'
export { ConfigError, describeIssues, storeConfigFromEnv } from './config.ts'
export { migratePostgres } from './postgres/migrate.ts'
export { openPostgres, type PostgresHandle } from './postgres/open.ts'
export { pingPostgres } from './postgres/ping.ts'
export type {
  AdminRole,
  Commission,
  CommissionStatus,
  Conversion,
  ConversionStatus,
  Database,
  EnrollmentStatus,
  Link,
  LoginAttemptScope,
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
export {
  type AdminConversionDetail,
  findAdminConversionDetail,
  findConversionRef,
} from './repositories/admin-conversion-queries.ts'
export {
  hasAdminUser,
  linkCodesByIds,
  listProgramGroups,
  lockAdminUsersForSetup,
  partnerNamesByIds,
} from './repositories/admin-lookups.ts'
export { type AdminPartnerDetail, findAdminPartnerDetail } from './repositories/admin-partner-queries.ts'
export {
  findPayoutBatch,
  listPayoutBatches,
  type PayoutBatchDetail,
  type PayoutBatchSummary,
} from './repositories/admin-payout-queries.ts'
export {
  findProgramCredentials,
  findProgramDetail,
  type ProgramCredentials,
  type ProgramDetail,
} from './repositories/admin-program-queries.ts'
export {
  type AmbassadorRow,
  listAmbassadors,
  listReferralRewards,
  type RewardListItem,
} from './repositories/admin-referral-queries.ts'
export {
  type ApiKeyListItem,
  type AuditListItem,
  enqueueEndpointEvent,
  listApiKeys,
  listAuditLog,
  listTeam,
  type PendingInvitation,
  type TeamMember,
} from './repositories/admin-settings-queries.ts'
export { findLiveApiKey, insertApiKey, revokeApiKeyRow, touchApiKey } from './repositories/api-keys.ts'
export {
  type CustomerRow,
  clampedSum,
  countConversionsSince,
  countCouponUses,
  type LinkOwner,
  loadCoupon,
  loadCustomer,
  loadFxTable,
  loadLinkOwners,
  loadPartnerFacts,
  loadPeriodVolumes,
  type PartnerFacts,
  PERIOD_SUM_LIMIT,
} from './repositories/attribution-facts.ts'
// Repositories (functions over a Kysely<Database> or a transaction)
export { type AuditEntry, insertAuditRow } from './repositories/audit-log.ts'
export {
  type ConversionListItem,
  type ConversionListParams,
  listConversions,
} from './repositories/conversion-list-queries.ts'
export {
  type CommissionView,
  type ConversionProgram,
  type ConversionRecord,
  type ConversionView,
  commissionView,
  insertConversion,
  insertConversionRefund,
  type LockedOrderConversion,
  loadConversionProgram,
  loadConversionTouches,
  loadConversionView,
  lockLiveConversion,
  lockPartnerPeriods,
  orderIdUsedByOtherEvent,
  type StoredConversion,
  updateConversionState,
  upsertCustomer,
} from './repositories/conversions.ts'
export { listPartnerCoupons, type PartnerCouponRow } from './repositories/coupons.ts'
export {
  type ClaimedEmail,
  claimDueEmails,
  type EmailLogItem,
  listEmails,
  markEmailFailed,
  markEmailSent,
  type NewEmail,
  queueEmail,
} from './repositories/emails.ts'
export {
  claimEventBatch,
  countQueuedEvents,
  deleteEventBatch,
  type EventBatch,
  queueClickHouseEvents,
  unfinishedEventBatches,
} from './repositories/event-outbox.ts'
export {
  findDueHeldConversionIds,
  type LockedConversion,
  lockConversion,
  setConversionStatus,
  setPendingLedgerRowsStatus,
} from './repositories/held-conversions.ts'
export {
  findIdempotentResponse,
  type StoredResponse,
  saveIdempotentResponse,
} from './repositories/idempotency-keys.ts'
export {
  findUserIdByEmail,
  insertInvitation,
  insertUser,
  lockActiveOwnerIds,
  lockInvitationByTokenHash,
  lockUser,
  markInvitationAccepted,
  updateUserRow,
} from './repositories/invitations.ts'
export {
  findJoinProgram,
  findProgramName,
  type JoinProgram,
  listJoinablePrograms,
  partnerHasUser,
  setEnrollmentApplication,
} from './repositories/join-queries.ts'
export {
  insertLedgerLines,
  loadLedgerRows,
  type NewLedgerLine,
  reversalLedgerLines,
} from './repositories/ledger.ts'
export {
  insertCoupon,
  insertLink,
  linkPolicy,
  lockCoupon,
  lockLink,
  setCouponStatusRow,
  setLinkStatusRow,
} from './repositories/link-writes.ts'
export {
  deleteStaleLoginAttempts,
  forgiveLoginAttempts,
  type LoginSubject,
  type ReservedAttempt,
  reserveLoginAttempts,
} from './repositories/login-attempts.ts'
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
  type OverviewDay,
  type OverviewSummary,
  type OverviewSummaryParams,
  overviewSummary,
} from './repositories/overview-queries.ts'
export {
  listPartnerConversions,
  type PartnerConversionItem,
  type PartnerConversionListParams,
} from './repositories/partner-conversion-queries.ts'
export {
  type PartnerDashboardDay,
  type PartnerDashboardParams,
  type PartnerDashboardSummary,
  partnerDashboardSummary,
} from './repositories/partner-dashboard-queries.ts'
export {
  type EarningLine,
  listPartnerEarnings,
  type PartnerEarningItem,
  type PartnerEarningsParams,
} from './repositories/partner-earnings-queries.ts'
export {
  listPartnerLinks,
  type PartnerLinkItem,
  type PartnerLinkListParams,
  trackingUrl,
} from './repositories/partner-link-queries.ts'
export {
  findPartnerLink,
  type LinkStatsParams,
  type LinkStatsRow,
  listLinkPrograms,
  partnerLinkStats,
} from './repositories/partner-link-stats-queries.ts'
export {
  listPartners,
  type PartnerEnrollment,
  type PartnerListItem,
  type PartnerListPage,
  type PartnerListParams,
} from './repositories/partner-list-queries.ts'
export {
  findPartnerPayout,
  listPartnerPayouts,
  partnerBalances,
  partnerLedgerBetween,
  partnerPayoutFacts,
} from './repositories/partner-payout-queries.ts'
export {
  findPartnerPostback,
  loadPostbackConversionFacts,
  type PartnerPostbackRow,
  type PostbackConversionFacts,
  upsertPartnerPostback,
} from './repositories/partner-postbacks.ts'
export {
  findPartnerSettings,
  insertTestOutboxRow,
  listPartnerPostbackDeliveries,
  listPartnerPostbacks,
  lockPartnerProfile,
  upsertPartnerProfile,
} from './repositories/partner-settings.ts'
export {
  findPartnerByEmail,
  findPartnerGroup,
  insertEnrollment,
  insertPartner,
  insertPartnerGroup,
  lockEnrollment,
  lockPartner,
  updateEnrollment,
  updatePartnerRow,
} from './repositories/partner-writes.ts'
export {
  closePasswordResets,
  countPasswordResetsSince,
  deleteSessionsOfUser,
  findInvitationByTokenHash,
  findResettableUser,
  insertPasswordReset,
  lockPasswordReset,
} from './repositories/password-resets.ts'
export {
  insertPayoutBatch,
  lockPayableRows,
  lockPayout,
  type PayableRow,
  type PayoutPartnerFacts,
  payoutPartnerFacts,
  pendingPayoutIds,
  releasePayoutItems,
  setPayoutStatus,
  settleBatchIfDone,
} from './repositories/payout-batches.ts'
export { listScheduledPayoutPrograms, type ScheduledPayoutProgram } from './repositories/payout-schedules.ts'
export {
  claimPostbackSignature,
  programIdsByPostbackToken,
  releasePostbackSignature,
} from './repositories/postback-auth.ts'
export { findDemoPostbackExample, findProgramRef, isEnrolled } from './repositories/program-refs.ts'
export { insertProgram, lockProgram, updateProgramRow } from './repositories/program-writes.ts'
export { findProgramCurrency, listPrograms, type ProgramSummary } from './repositories/programs.ts'
export {
  countFriendInvitationsSince,
  findRecentFriendInvitation,
  insertFriendInvitation,
  listAmbassadorPrograms,
  listFriendInvitations,
  listMilestoneRewards,
  listReferredFriends,
  referralLeaderboard,
} from './repositories/referral-queries.ts'
export {
  findUnsettledReferrals,
  insertRewardRow,
  listPendingRewardKeys,
  listReferrerRewards,
  lockReferralFacts,
  type NewRewardRow,
  type ReferralFactsRow,
  type RewardRow,
  settlePendingRewardRow,
} from './repositories/referral-rewards.ts'
export {
  foreignRuleIds,
  insertRuleSetVersion,
  latestRuleSetVersion,
  latestRuleSetVersionNumber,
  listRuleSetVersions,
  type RuleIdentity,
  ruleSetVersionAt,
  type StoredRuleSetVersion,
} from './repositories/rule-sets.ts'
export {
  deleteDeadSessionsOfUser,
  deleteExpiredSessions,
  deleteSession,
  findSessionWithUser,
  insertSession,
  type NewSession,
  type SessionWithUser,
  touchSession,
} from './repositories/sessions.ts'
export type { KeysetKey, KeysetPage } from './repositories/shared/keyset-page.ts'
export {
  COUNTED_TABLES,
  type CountedTable,
  type StoreTotals,
  storeTotals,
} from './repositories/store-totals-queries.ts'
export { findLoginUser, type LoginUser } from './repositories/users.ts'
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
