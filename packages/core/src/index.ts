/**
 * @tandem/core: the pure domain engine (no I/O; time is always passed in).
 * Every export is named here; see README.md for rule precedence and rounding.
 */

// Attribution
export { attribute } from './attribution/attribute.ts'
export type {
  AttributionFlag,
  AttributionFlagCode,
  AttributionInput,
  AttributionModel,
  AttributionPartner,
  AttributionResult,
  AttributionSettings,
  AttributionShare,
  AttributionSource,
  ClickTouch,
  CouponPrecedence,
  CouponTouch,
  CustomerIdentity,
  ReferrerTouch,
  SelfReferralPolicy,
} from './attribution/types.ts'
// Commissions
export { computeCommissions } from './commissions/compute-commissions.ts'
export { addToPeriodVolume, calendarMonth, PeriodVolumeBook } from './commissions/period-volumes.ts'
export type {
  BonusRule,
  CapRule,
  CommissionRule,
  CommissionRuleKind,
  CountTier,
  CountTieredRule,
  FlatRule,
  ItemMatch,
  MultiLevelRule,
  PercentageRule,
  ProductRule,
  RecurringRule,
  RevenueBase,
  RevenueTier,
  RevenueTieredRule,
  RuleProblem,
  RuleProblemCode,
  RuleScope,
  RuleSet,
  Tier,
  TieredRule,
} from './commissions/rule-types.ts'
export type {
  CommissionInput,
  CommissionLine,
  CommissionLineKind,
  CommissionPartner,
  CommissionResult,
  ConversionFacts,
  LineItem,
  PeriodVolume,
  RecurringPayment,
  VolumeIncrement,
} from './commissions/types.ts'
export { assertValidRuleSet, validateRuleSet } from './commissions/validate-rule-set.ts'
// Errors
export {
  CoreError,
  type CoreErrorCode,
  CurrencyMismatchError,
  IllegalTransitionError,
  InvalidInputError,
  InvalidMoneyError,
  InvalidRateError,
  InvalidRuleError,
  InvariantViolationError,
  MissingFxRateError,
  UnknownCurrencyError,
} from './errors.ts'
// Fraud
export { BOT_USER_AGENT_PATTERNS, isBotUserAgent, matchBotUserAgent } from './fraud/bot-user-agents.ts'
export { defaultFraudConfig, mergeFraudConfig } from './fraud/default-config.ts'
export { scoreClick } from './fraud/score-click.ts'
export { scoreConversion } from './fraud/score-conversion.ts'
export type {
  ClickFraudInput,
  ConversionFraudInput,
  FraudConfig,
  FraudFlag,
  FraudFlagCode,
  FraudScore,
} from './fraud/types.ts'
export { projectReferralGrowth } from './growth/projection.ts'
export type {
  GrowthProjection,
  GrowthProjectionInput,
  GrowthRound,
  ViralCoefficient,
  ViralInput,
} from './growth/types.ts'
export { viralCoefficient } from './growth/viral.ts'

// Lifecycle and ledger
export { balance } from './ledger/balance.ts'
export { ledgerRowsFor, rowStatusFor } from './ledger/commission-rows.ts'
export { assertLedgerInvariants, checkLedgerInvariants, type LedgerSnapshot } from './ledger/invariants.ts'
export { type ReversalInput, reversalLines } from './ledger/reversal.ts'
export { startLifecycle, transitionConversion } from './ledger/transition.ts'
export type {
  ConversionEvent,
  ConversionLifecycle,
  ConversionRecord,
  ConversionState,
  InvariantCode,
  InvariantViolation,
  LedgerRow,
  LedgerRowKind,
  LedgerRowStatus,
  NewLedgerRow,
  PayoutRecord,
  TransitionResult,
} from './ledger/types.ts'
// Money
export { allocate } from './money/allocate.ts'
export { supportedCurrencies } from './money/currencies.ts'
export { type FormatMoneyOptions, formatMoney } from './money/format.ts'
export { convert, type FxTable } from './money/fx.ts'
export {
  addMoney,
  assertMoney,
  compareMoney,
  currencyDecimals,
  isZeroMoney,
  type Money,
  money,
  moneyFromDecimal,
  moneyToDecimal,
  negateMoney,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from './money/money.ts'
export { applyRate, formatRate, type Rate } from './money/rate.ts'
export { DEFAULT_ROUNDING, type RoundingMode } from './money/rounding.ts'
// One partner list for every step
export {
  attributionPartners,
  commissionPartners,
  type ProgramPartner,
  parentChain,
  payoutPartners,
} from './partners/program-partner.ts'
// Payouts
export { planPayouts } from './payouts/plan-payouts.ts'
export type {
  HeldBack,
  HoldBackReason,
  PayoutFee,
  PayoutLine,
  PayoutMethod,
  PayoutPartner,
  PayoutPlan,
  PayoutPlanInput,
  PayoutThreshold,
} from './payouts/types.ts'
// Referral rewards
export { evaluateReferralRewards } from './rewards/evaluate-referral-rewards.ts'
export type {
  IssuedReward,
  ReferralFacts,
  ReferralMilestone,
  ReferralProgram,
  ReferralRewardInput,
  ReferralRewardResult,
  ReferralStatus,
  ReferrerHistory,
  RewardSpec,
} from './rewards/types.ts'
// Segments and growth
export { ambassadorLikelihood } from './segments/ambassadors.ts'
export { buyerStatus } from './segments/buyer-status.ts'
export { historicalClv } from './segments/clv.ts'
export { type ReactivationOptions, reactivationCandidates } from './segments/reactivation.ts'
export { rfmScores } from './segments/rfm.ts'
export type {
  AmbassadorCandidate,
  BuyerStatus,
  BuyerStatusOptions,
  CustomerSummary,
  HistoricalClv,
  ReactivationCandidate,
  RfmScore,
  RfmSegment,
} from './segments/types.ts'
// Partners and weights
export type { PartnerStatus } from './shared/partner.ts'
export { formatPpm, PPM } from './shared/ppm.ts'
