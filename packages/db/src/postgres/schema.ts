import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * Kysely types for the Postgres schema (see migrations/). Money is `bigint` minor units in the
 * database and a JS number here (both drivers parse int8 to number and reject unsafe values).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Json<T = unknown> = ColumnType<T, string | T, string | T>

export type AdminRole = 'owner' | 'manager' | 'viewer'
export type PartnerType = 'affiliate' | 'ambassador'
export type EnrollmentStatus = 'pending' | 'approved' | 'rejected' | 'suspended'
export type ConversionStatus = 'pending' | 'approved' | 'rejected' | 'reversed'
export type CommissionStatus = 'pending' | 'approved' | 'rejected' | 'reversed'

export interface UsersTable {
  id: Generated<string>
  email: string
  password_hash: string
  name: string
  kind: 'admin' | 'partner'
  admin_role: AdminRole | null
  partner_id: string | null
  created_at: CreatedAt
  disabled_at: Timestamp | null
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak live sessions. */
  id: string
  user_id: string
  created_at: CreatedAt
  expires_at: Timestamp
  last_seen_at: Timestamp
  ip: string | null
  user_agent: string | null
}

export type LoginAttemptScope = 'account' | 'address'

/** The login limiter's counters (migration 0006): attempts per subject in a fixed window. */
export interface LoginAttemptsTable {
  scope: LoginAttemptScope
  /** sha256 of the normalised email or client address: the table names no one. */
  subject: string
  window_start: Timestamp
  attempts: number
}

export interface ProgramsTable {
  id: Generated<string>
  slug: string
  name: string
  kind: 'affiliate' | 'referral'
  status: Generated<'active' | 'paused' | 'archived'>
  currency: string
  /** Query parameter that carries the signed click id on the landing URL. */
  click_param: Generated<string>
  cookie_days: Generated<number>
  hold_days: Generated<number>
  rounding_mode: Generated<'half-even' | 'half-up' | 'down' | 'up'>
  /** Attribution settings for core.attribute: model, windows, coupon precedence, lifetime, self-referral. */
  attribution: Json<Record<string, unknown>>
  /** Referral rewards config (referral programs): double-sided rewards, qualification, milestones. */
  rewards: Json<Record<string, unknown> | null>
  fraud: Json<Record<string, unknown>>
  allowed_domains: Generated<string[]>
  default_landing_url: string
  postback_token: string
  postback_hmac_secret: string
  payout_threshold_minor: Generated<number>
  /** 'weekly' / 'monthly': the scheduled-payouts job plans a batch each period (migration 0007). */
  payout_schedule: Generated<'manual' | 'weekly' | 'monthly'>
  /** Client-side (pixel) conversions: recorded, recorded but earning only once the server confirms, or refused. */
  pixel_conversions: Generated<'on' | 'confirm' | 'off'>
  /** Largest amount of one conversion, minor units of `currency`; null = the tracker's global ceiling. */
  max_conversion_amount_minor: ColumnType<number | null, number | null | undefined, number | null>
  /** A conversion whose click ids were all refused (forged, foreign, expired): kept unattributed or refused. */
  rejected_clicks: Generated<'keep_unattributed' | 'refuse'>
  /** Deep links (?url=) may go to subdomains of allowed_domains (otherwise exact hosts only). */
  deep_link_subdomains: Generated<boolean>
  /** After a rotation, the previous token and secret stay valid until postback_previous_expires_at. */
  postback_token_previous: ColumnType<string | null, string | null | undefined, string | null>
  postback_hmac_secret_previous: ColumnType<string | null, string | null | undefined, string | null>
  postback_previous_expires_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >
  /** core PayoutFee[]: fees per payout method, paid by the partner or the program. */
  payout_fees: Generated<Json<Record<string, unknown>[]>>
  /** The public join page (migration 0009): what the program is, its terms, how applications go. */
  description: ColumnType<string | null, string | null | undefined, string | null>
  terms: ColumnType<string | null, string | null | undefined, string | null>
  applications: Generated<'review' | 'auto' | 'closed'>
  /** A referral program's opt-in leaderboard is shown to its ambassadors. */
  leaderboard: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface PartnerGroupsTable {
  id: Generated<string>
  program_id: string
  slug: string
  name: string
  created_at: CreatedAt
}

export interface PartnersTable {
  id: Generated<string>
  type: PartnerType
  name: string
  email: string
  /** sha256 of the lower-cased email, for self-referral checks against customers. */
  email_hash: string
  country: string | null
  status: Generated<'active' | 'suspended' | 'deactivated'>
  parent_partner_id: string | null
  payout_method: 'paypal' | 'bank_transfer' | 'wise' | null
  payout_details: Json<Record<string, unknown> | null>
  payout_currency: string | null
  flagged: Generated<boolean>
  /** A manager's hold on this partner's payouts (core's manual_hold), with the reason. */
  payout_hold_reason: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

export interface ProgramEnrollmentsTable {
  program_id: string
  partner_id: string
  status: EnrollmentStatus
  group_id: string | null
  created_at: CreatedAt
  decided_at: Timestamp | null
  /** What an applicant wrote on the join page (migration 0009): website, how they promote. */
  application: ColumnType<
    Record<string, unknown> | null,
    string | Record<string, unknown> | null | undefined,
    string | Record<string, unknown> | null
  >
}

export interface CommissionRulesTable {
  id: Generated<string>
  program_id: string
  name: string
  /** A core CommissionRule (kind-discriminated JSON), validated by core before it is saved. */
  rule: Json<Record<string, unknown>>
  group_id: string | null
  partner_id: string | null
  active: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

/** One version of a program's commission rules: the whole rule set as core reads it. */
export interface RuleSetVersionsTable {
  id: Generated<string>
  program_id: string
  version: number
  /** core CommissionRule[] (each with its commission_rules id and name). */
  rules: Json<Record<string, unknown>[]>
  /** Conversions occurring at or after this instant are priced by this version (until the next). */
  effective_from: Timestamp
  note: string | null
  created_by: string | null
  created_at: CreatedAt
}

/** An invitation to a portal: the person sets a password from a one-time link. */
export interface InvitationsTable {
  id: Generated<string>
  kind: 'admin' | 'partner'
  email: string
  name: string
  admin_role: AdminRole | null
  partner_id: string | null
  /** sha256 of the token in the link. */
  token_hash: string
  invited_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  accepted_at: Timestamp | null
}

export interface LinksTable {
  /** Small integer: it is carried inside every signed click id. */
  id: Generated<number>
  program_id: string
  partner_id: string
  code: string
  name: string | null
  destination_url: string
  status: Generated<'active' | 'paused'>
  /** Sub-ids and UTM fields saved with the link (migration 0009): its tracking URL carries them. */
  params: ColumnType<Record<string, string>, string | undefined, string>
  created_at: CreatedAt
}

export interface CouponsTable {
  id: Generated<string>
  program_id: string
  partner_id: string
  code: string
  /** Discount the shopper gets, e.g. { kind: 'percent', bps: 1000 } (informational). */
  discount: Json<Record<string, unknown> | null>
  status: Generated<'active' | 'paused'>
  created_at: CreatedAt
}

export interface CustomersTable {
  id: Generated<string>
  program_id: string
  external_id: string
  email_hash: string | null
  referrer_partner_id: string | null
  referred_at: Timestamp | null
  first_seen_at: Timestamp
  country: string | null
  created_at: CreatedAt
}

export interface ConversionsTable {
  id: Generated<string>
  program_id: string
  event: string
  order_id: string
  customer_id: string | null
  /** The partner with the largest attribution share (reports); all shares are in `attribution`. */
  partner_id: string | null
  status: ConversionStatus
  amount_minor: number
  tax_minor: Generated<number>
  shipping_minor: Generated<number>
  refunded_minor: Generated<number>
  currency: string
  click_id: string | null
  coupon_code: string | null
  source: 'postback' | 'api' | 'snippet' | 'admin' | 'seed'
  attribution: Json<Record<string, unknown>>
  fraud_flags: Json<{ code: string; reason: string }[]>
  sub_ids: Json<Record<string, string>>
  line_items: Json<unknown[]>
  occurred_at: Timestamp
  hold_until: Timestamp | null
  decided_at: Timestamp | null
  /** The commission rule set version that priced it (rule_set_versions.version). */
  rule_set_version: ColumnType<number | null, number | null | undefined, number | null>
  /** The conversion that replaced this one (a pixel conversion superseded by an authenticated one). */
  superseded_by: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

/** One applied refund of a conversion (migration 0002): a retried refund is applied once. */
export interface ConversionRefundsTable {
  conversion_id: string
  refund_id: string
  amount_minor: number
  currency: string
  source: 'postback' | 'api' | 'snippet' | 'admin' | 'seed'
  created_at: CreatedAt
}

export interface CommissionsTable {
  id: Generated<string>
  program_id: string
  partner_id: string
  conversion_id: string | null
  rule_id: string | null
  /** 0 = the partner who earned it, 1+ = multi-level parents. */
  level: Generated<number>
  kind: 'commission' | 'override' | 'bonus' | 'reward' | 'reversal' | 'clawback' | 'adjustment'
  amount_minor: number
  currency: string
  status: CommissionStatus
  explanation: string
  /** Row this one reverses (reversal / clawback rows). */
  reverses_id: string | null
  /** Makes every money write idempotent: the same decision written twice is one row. */
  idempotency_key: string
  created_at: CreatedAt
  approved_at: Timestamp | null
}

export interface ReferralRewardsTable {
  id: Generated<string>
  program_id: string
  referrer_partner_id: string | null
  customer_id: string | null
  conversion_id: string | null
  side: 'referrer' | 'friend'
  reward_type: 'coupon_percent' | 'coupon_fixed' | 'store_credit' | 'cash'
  amount_minor: Generated<number>
  percent_bps: Generated<number>
  currency: string
  status: 'pending' | 'qualified' | 'issued' | 'void'
  milestone: number | null
  explanation: string
  idempotency_key: string
  created_at: CreatedAt
}

export interface PayoutBatchesTable {
  id: Generated<string>
  /** The program whose balances it pays (null only for batches made before migration 0005). */
  program_id: ColumnType<string | null, string | null | undefined, string | null>
  status: 'draft' | 'processing' | 'paid' | 'cancelled'
  currency: string
  total_minor: number
  created_by: string | null
  created_at: CreatedAt
  paid_at: Timestamp | null
}

export interface PayoutsTable {
  id: Generated<string>
  batch_id: string
  partner_id: string
  amount_minor: number
  fee_minor: Generated<number>
  currency: string
  method: string
  status: 'pending' | 'paid' | 'failed'
  reference: string | null
  created_at: CreatedAt
  paid_at: Timestamp | null
}

export interface PayoutItemsTable {
  payout_id: string
  /** Unique: a commission row is in at most one payout. */
  commission_id: string
  amount_minor: number
}

export interface FxRatesTable {
  base: string
  quote: string
  rate: string
  as_of: ColumnType<Date, Date | string, Date | string>
}

export interface ApiKeysTable {
  id: Generated<string>
  program_id: string
  name: string
  prefix: string
  key_hash: string
  created_at: CreatedAt
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
  /** What the key may do: conversions:write, refunds:write, read. */
  scopes: Generated<string[]>
}

export interface IdempotencyKeysTable {
  scope: string
  key: string
  request_hash: string
  response: Json<unknown>
  status_code: number
  created_at: CreatedAt
}

export interface WebhookEndpointsTable {
  id: Generated<string>
  program_id: string
  url: string
  secret: string
  events: Generated<string[]>
  active: Generated<boolean>
  created_at: CreatedAt
}

export interface OutboxTable {
  id: Generated<number>
  /** Sent to receivers so they can dedupe. */
  event_id: Generated<string>
  endpoint_id: string | null
  /** Set instead of endpoint_id for a partner postback (migration 0004). */
  postback_id: ColumnType<string | null, string | null | undefined, string | null>
  topic: string
  payload: Json<Record<string, unknown>>
  status: Generated<'pending' | 'delivered' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  created_at: CreatedAt
  delivered_at: Timestamp | null
  /** When the row was handed to the job queue (migration 0004); null = not yet, or replayed. */
  dispatched_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A partner's own postback URL per program (migration 0004), with {click_id}, {sub1}… placeholders. */
export interface PartnerPostbacksTable {
  id: Generated<string>
  program_id: string
  partner_id: string
  url_template: string
  /** Topics it fires on; empty = all. */
  events: Generated<string[]>
  active: Generated<boolean>
  created_at: CreatedAt
  updated_at: Generated<Date>
}

/** The delivery log (migration 0004): one row per attempt of one outbox row. */
export interface WebhookDeliveriesTable {
  id: Generated<number>
  outbox_id: number
  event_id: string
  endpoint_id: string | null
  postback_id: string | null
  attempt: number
  url: string
  status: 'sending' | 'succeeded' | 'failed'
  status_code: number | null
  latency_ms: number | null
  response_excerpt: string | null
  error: string | null
  started_at: CreatedAt
  finished_at: Timestamp | null
}

/** ClickHouse rows waiting to be relayed (conversion events), written with the change they record. */
export interface EventOutboxTable {
  id: Generated<number>
  ch_table: 'events'
  row: Json<Record<string, unknown>>
  /** Set when a relay claims the row: a batch is sent with the same rows and token until acknowledged. */
  batch_id: string | null
  claimed_at: Timestamp | null
  created_at: CreatedAt
}

/** A signed postback already used (migration 0008): refused again until expires_at. */
export interface PostbackSignaturesTable {
  program_id: string
  signature: string
  expires_at: Timestamp
}

/** Every email Tandem sends (migration 0009): queued with the change that causes it, then the log. */
export interface EmailsTable {
  id: Generated<string>
  template: string
  to_address: string
  to_name: string | null
  subject: string
  /** What the template needs besides the secret (names, program, amounts). */
  params: Json<Record<string, unknown>>
  /** A one-time link's path (invitation, password reset) until the email is delivered. */
  secret: string | null
  partner_id: string | null
  user_id: string | null
  program_id: string | null
  status: Generated<'queued' | 'sent' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  /** 'smtp' or 'directory' (embedded mode's local mail directory). */
  transport: string | null
  message_id: string | null
  /** The text as sent (a one-time link's token is masked once it went out by SMTP). */
  text_body: string | null
  last_error: string | null
  created_at: CreatedAt
  sent_at: Timestamp | null
}

/** A one-time password reset link (migration 0009). */
export interface PasswordResetsTable {
  id: Generated<string>
  user_id: string
  token_hash: string
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: Timestamp | null
}

/** A partner's own details besides payouts (migration 0009). */
export interface PartnerProfilesTable {
  partner_id: string
  legal_name: string | null
  address: Json<Record<string, unknown> | null>
  tax: Json<Record<string, unknown> | null>
  notifications: Json<Record<string, boolean>>
  /** The name shown on program leaderboards; null: the partner is not shown by name. */
  leaderboard_name: string | null
  updated_at: Timestamp
}

/** An ambassador's invitation of a friend by email (migration 0009). */
export interface FriendInvitationsTable {
  id: Generated<string>
  program_id: string
  partner_id: string
  email_hash: string
  email_id: string | null
  created_at: CreatedAt
}

export interface AuditLogTable {
  id: Generated<number>
  actor_type: 'user' | 'partner' | 'system' | 'api' | 'postback'
  actor_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  data: Json<Record<string, unknown>>
  at: CreatedAt
}

export interface Database {
  users: UsersTable
  sessions: SessionsTable
  login_attempts: LoginAttemptsTable
  programs: ProgramsTable
  partner_groups: PartnerGroupsTable
  partners: PartnersTable
  program_enrollments: ProgramEnrollmentsTable
  commission_rules: CommissionRulesTable
  rule_set_versions: RuleSetVersionsTable
  invitations: InvitationsTable
  links: LinksTable
  coupons: CouponsTable
  customers: CustomersTable
  conversions: ConversionsTable
  conversion_refunds: ConversionRefundsTable
  commissions: CommissionsTable
  referral_rewards: ReferralRewardsTable
  payout_batches: PayoutBatchesTable
  payouts: PayoutsTable
  payout_items: PayoutItemsTable
  fx_rates: FxRatesTable
  api_keys: ApiKeysTable
  idempotency_keys: IdempotencyKeysTable
  webhook_endpoints: WebhookEndpointsTable
  outbox: OutboxTable
  audit_log: AuditLogTable
  event_outbox: EventOutboxTable
  postback_signatures: PostbackSignaturesTable
  partner_postbacks: PartnerPostbacksTable
  webhook_deliveries: WebhookDeliveriesTable
  emails: EmailsTable
  password_resets: PasswordResetsTable
  partner_profiles: PartnerProfilesTable
  friend_invitations: FriendInvitationsTable
}

export type Program = Selectable<ProgramsTable>
export type Partner = Selectable<PartnersTable>
export type Link = Selectable<LinksTable>
export type Conversion = Selectable<ConversionsTable>
export type Commission = Selectable<CommissionsTable>
export type User = Selectable<UsersTable>
export type NewConversion = Insertable<ConversionsTable>
export type NewCommission = Insertable<CommissionsTable>
export type ProgramUpdate = Updateable<ProgramsTable>
