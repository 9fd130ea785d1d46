/**
 * @tandem/services: the one write path. Each command validates its input (zod), loads through
 * @tandem/db repositories, lets @tandem/core decide, and writes the decision with its audit row and
 * outbox event in one transaction. No HTTP here; refusals are DomainErrors with stable codes.
 */

// API keys
export {
  API_KEY_SCOPES,
  type ApiKeyIdentity,
  type ApiKeyScope,
  createApiKey,
  createApiKeyInput,
  generateApiKey,
  hashApiKey,
  revokeApiKey,
  verifyApiKey,
} from './api-keys/api-keys.ts'
// Context
export { type Actor as ServiceActor, auditActor, type ServiceContext, systemContext } from './context.ts'
export { HARD_MAX_AMOUNT_MINOR } from './conversions/amount-limit.ts'
export {
  type ApproveDueSummary,
  type ApproveHeldResult,
  approveDueConversions,
  approveHeldConversion,
  type HoldPolicy,
} from './conversions/approve-held.ts'
// Conversions
export { changeConversion } from './conversions/change.ts'
export { recordConversion } from './conversions/record.ts'
// Manual review and refunds (the admin portal)
export {
  refundConversion,
  refundConversionInput,
  reviewConversion,
  reviewConversionInput,
} from './conversions/review.ts'
export type {
  ActivityStats,
  ClickIdVerdict,
  ClickVerifier,
  ClientContext,
  CommissionView,
  ConversionChangeRequest,
  ConversionDeps,
  ConversionOutcome,
  ConversionSource,
  ConversionView,
  ExternalStatus,
  NewConversionRequest,
} from './conversions/types.ts'
// Errors
export {
  ConflictError,
  DomainError,
  type DomainErrorCode,
  IllegalTransitionError,
  InvalidInputError,
  NotFoundError,
} from './errors.ts'
// ClickHouse events queued by commands
export { ClickHouseEventRelay, type RelayOptions } from './events/clickhouse-relay.ts'
// Jobs
export {
  DEFAULT_WEBHOOK_RETRY,
  type JobRunnerConfig,
  JobsConfigError,
  jobRunnerConfigFromEnv,
  type WebhookRetryPolicy,
} from './jobs/config.ts'
export type { PGliteLike, QueueConnection } from './jobs/queue-connection.ts'
export { QUEUES } from './jobs/queues.ts'
export { type JobRunner, type JobRunnerOptions, startJobRunner } from './jobs/runner.ts'
// Links and coupons
export {
  createCoupon,
  createCouponInput,
  createLink,
  createLinkInput,
  LINK_PARAM_KEYS,
  linkCode,
  randomLinkCode,
  setCouponStatus,
  setLinkStatus,
} from './links/links.ts'
// Email (queued with the change that causes it, sent by the job runner)
export {
  type MailConfig,
  MailConfigError,
  type MailTransportConfig,
  mailConfigFromEnv,
} from './mail/config.ts'
export { type QueuedEmail, queueMail } from './mail/queue.ts'
export { emailRetryDelayMs, MAX_EMAIL_ATTEMPTS, type SendSummary, sendDueEmails } from './mail/sender.ts'
export { EMAIL_TEMPLATES, type EmailTemplate, renderEmail } from './mail/templates.ts'
export { createMailer, type Mailer, type OutgoingEmail } from './mail/transport.ts'
export {
  type ApplicationOutcome,
  applyAsPartner,
  applyAsPartnerInput,
  applyToProgram,
  applyToProgramInput,
} from './partners/applications.ts'
// Partner notes (audit trail)
export { addPartnerNote, addPartnerNoteInput } from './partners/notes.ts'
// Partners
export {
  assignPartnerGroup,
  createPartner,
  createPartnerGroup,
  createPartnerInput,
  enrollPartner,
  hashEmail,
  setEnrollmentStatus,
  setEnrollmentStatusInput,
  setPartnerStatus,
  setPayoutHold,
} from './partners/partners.ts'
export {
  type PayoutMethod,
  payoutDetailsSchemas,
  type SetPayoutDetailsInput,
  setPayoutDetails,
  setPayoutDetailsInput,
} from './partners/payout-details.ts'
export {
  addressSchema,
  NOTIFICATION_KEYS,
  notificationsSchema,
  setPartnerProfile,
  setPartnerProfileInput,
  taxSchema,
} from './partners/profile.ts'
// Payout files (CSV, PayPal Payouts, SEPA pain.001.001.03)
export { exportPayoutBatch, exportPayoutBatchInput } from './payouts/export.ts'
export { payoutDetailsComplete } from './payouts/payout-details.ts'
export { type PayoutFile, payoutCsv, paypalPayoutsCsv, sepaCreditTransfer } from './payouts/payout-files.ts'
// Payouts
export {
  type CreatedBatch,
  createPayoutBatch,
  markBatchPaid,
  markPayout,
  markPayoutInput,
  type PlannedPayouts,
  previewPayouts,
} from './payouts/payouts.ts'
// Programs and commission rules
export {
  type CreatedProgram,
  type CreateProgramInput,
  createProgram,
  createProgramInput,
  newHmacSecret,
  newPostbackToken,
  rotatePostbackCredentials,
  setProgramStatus,
  updateProgram,
  updateProgramInput,
} from './programs/programs.ts'
export {
  checkRuleSet,
  publishRuleSet,
  publishRuleSetInput,
  type RuleSetInForce,
  ruleSetInForce,
} from './programs/rule-sets.ts'
export {
  attributionSettingsOf,
  attributionSettingsSchema,
  fraudConfigOf,
  fraudSettingsSchema,
  ProgramSettingsError,
} from './programs/settings.ts'
export {
  type SimulatedLine,
  type SimulateOrderInput,
  type SimulationResult,
  simulateOrder,
  simulateOrderInput,
} from './programs/simulate.ts'
export {
  FRIEND_INVITES_PER_DAY,
  FRIEND_REINVITE_DAYS,
  inviteFriend,
  inviteFriendInput,
} from './rewards/invite-friend.ts'
// Referral rewards
export { type SettleReferralResult, settleDueReferrals, settleReferral } from './rewards/settle-referral.ts'
// Shared input fields
export { currencyCode, hostAllowed, hostname, isWellFormed } from './shared/fields.ts'
// The first owner of a fresh install
export { createFirstOwner, createFirstOwnerInput } from './users/first-owner.ts'
export {
  RESET_LINK_MINUTES,
  RESETS_PER_HOUR,
  requestPasswordReset,
  requestPasswordResetInput,
  resetPassword,
  resetPasswordInput,
} from './users/password-reset.ts'
// Users and invitations
export {
  acceptInvitation,
  disableUser,
  hashInvitationToken,
  type Invitation,
  inviteAdmin,
  inviteAdminInput,
  invitePartnerUser,
  newPassword,
  setAdminRole,
} from './users/users.ts'
export { DeliveryFailedError, type DeliveryResult, deliverOutboxRow } from './webhooks/deliver.ts'
// Webhooks and partner postbacks
export { listWebhookDeliveries } from './webhooks/delivery-log.ts'
export {
  type ActingAs,
  createWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointView,
} from './webhooks/endpoints.ts'
export { POSTBACK_PLACEHOLDERS, renderPostbackUrl } from './webhooks/postback-template.ts'
export { type PartnerPostbackView, setPartnerPostback } from './webhooks/postbacks.ts'
export { replayWebhookEvent } from './webhooks/replay.ts'
export { generateWebhookSecret, signWebhook, verifyWebhook } from './webhooks/signature.ts'
export { sendTestPostback, TEST_POSTBACK_FACTS } from './webhooks/test-postback.ts'
// A test event for one webhook endpoint
export { sendTestWebhook } from './webhooks/test-send.ts'
export { WEBHOOK_TOPICS, type WebhookTopic } from './webhooks/topics.ts'
