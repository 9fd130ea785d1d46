import { InvalidInputError } from '../errors.ts'
import { assertNonNegative } from '../shared/validate.ts'
import type { ViralCoefficient, ViralInput } from './types.ts'

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

/**
 * K = invitations per ambassador × conversion rate of invitations (= converted invitations
 * per ambassador). K ≥ 1 means each referring customer brings at least one more.
 */
export function viralCoefficient(input: ViralInput): ViralCoefficient {
  const invitations = assertNonNegative(input.invitations, 'invitations')
  const ambassadors = assertNonNegative(input.ambassadors, 'ambassadors')
  const converted = assertNonNegative(input.convertedInvitations, 'convertedInvitations')
  if (converted > invitations) {
    throw new InvalidInputError(
      `convertedInvitations (${converted}) cannot exceed invitations (${invitations})`,
    )
  }
  if (invitations > 0 && ambassadors === 0) {
    throw new InvalidInputError('There are invitations but no ambassadors: count the customers who sent them')
  }
  const invitationsPerAmbassador = ambassadors === 0 ? 0 : invitations / ambassadors
  const conversionRate = invitations === 0 ? 0 : converted / invitations
  const k = invitationsPerAmbassador * conversionRate
  const invitingShare = input.customers === undefined ? null : shareOfCustomers(ambassadors, input.customers)
  const explanation = `K = ${round(invitationsPerAmbassador, 2)} invitations per ambassador × ${round(conversionRate * 100, 2)}% converted = ${round(k, 3)}: ${
    k >= 1
      ? 'each referring customer brings at least one new customer (self-sustaining growth)'
      : `each referring customer brings ${round(k, 3)} new customers`
  }${
    invitingShare === null
      ? ''
      : `; ${COUNT.format(ambassadors)} of ${COUNT.format(input.customers ?? 0)} customers invite (${round(invitingShare * 100, 2)}%), so each customer brings ${round(k * invitingShare, 3)}`
  }`
  return { invitationsPerAmbassador, conversionRate, k, invitingShare, explanation }
}

function shareOfCustomers(ambassadors: number, customers: number): number {
  assertNonNegative(customers, 'customers')
  if (ambassadors > customers) {
    throw new InvalidInputError(`ambassadors (${ambassadors}) cannot exceed customers (${customers})`)
  }
  return customers === 0 ? 0 : ambassadors / customers
}
