import type { ViralCoefficient, ViralInput } from './types.ts'

/** K = invitations per ambassador × conversion rate of invitations. */
export function viralCoefficient(input: ViralInput): ViralCoefficient {
  throw new Error(`viralCoefficient: not implemented yet (${input.invitations})`)
}
