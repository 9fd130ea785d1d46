import { describe, expect, it } from 'vitest'
import { money } from '../money/money.ts'
import {
  attributionPartners,
  commissionPartners,
  type ProgramPartner,
  parentChain,
  payoutPartners,
} from './program-partner.ts'

const paypal = { type: 'paypal', detailsComplete: true }
const partners: ProgramPartner[] = [
  {
    id: 'p1',
    name: 'Ada Lovelace',
    status: 'active',
    groupId: 'gold',
    parentId: 'm1',
    emailHashes: ['e1'],
    payoutMethod: paypal,
  },
  { id: 'm1', name: 'Grace Hopper', status: 'active', parentId: 'm2' },
  { id: 'm2', status: 'suspended', holdReason: 'tax form missing' },
]

describe('one partner list, the map each step takes', () => {
  it('attribution: status, name and self-referral hashes', () => {
    expect(attributionPartners(partners).p1).toEqual({
      name: 'Ada Lovelace',
      status: 'active',
      emailHashes: ['e1'],
      ipHashes: [],
    })
  })

  it('commissions: the parent chain from parentId, the group, and the period volume', () => {
    const period = { conversions: 3, revenue: money(30_000, 'EUR'), commission: money(3_000, 'EUR') }
    const map = commissionPartners(partners, (id) => (id === 'p1' ? period : undefined))
    expect(map).toEqual({
      p1: { name: 'Ada Lovelace', status: 'active', groupId: 'gold', parentIds: ['m1', 'm2'], period },
      m1: { name: 'Grace Hopper', status: 'active', groupId: null, parentIds: ['m2'] },
      m2: { name: null, status: 'suspended', groupId: null, parentIds: [] },
    })
  })

  it('payouts: method, flags and holds', () => {
    expect(payoutPartners(partners)).toEqual({
      p1: { status: 'active', payoutMethod: paypal, flagged: false, holdReason: null },
      m1: { status: 'active', payoutMethod: null, flagged: false, holdReason: null },
      m2: { status: 'suspended', payoutMethod: null, flagged: false, holdReason: 'tax form missing' },
    })
  })

  it('a parent chain stops at a cycle and at a missing partner', () => {
    const cycle = new Map<string, ProgramPartner>([
      ['a', { id: 'a', status: 'active', parentId: 'b' }],
      ['b', { id: 'b', status: 'active', parentId: 'a' }],
    ])
    expect(parentChain(cycle, 'a')).toEqual(['b'])
    const gap = new Map<string, ProgramPartner>([['a', { id: 'a', status: 'active', parentId: 'gone' }]])
    expect(parentChain(gap, 'a')).toEqual(['gone'])
  })
})
