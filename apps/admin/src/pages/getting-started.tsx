import { Card } from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTRPC } from '../trpc.ts'

/** The first steps of a new install, shown on the overview until there is a program with sales. */
export function GettingStarted({ hasSales }: { readonly hasSales: boolean }) {
  const trpc = useTRPC()
  const programs = useQuery(trpc.programs.list.queryOptions())
  if (!programs.data || (programs.data.length > 0 && hasSales)) return null
  const first = programs.data[0]
  const steps = [
    {
      done: Boolean(first),
      text: 'Create a program: domains, currency, attribution, hold period',
      to: '/programs/new',
    },
    {
      done: false,
      text: 'Write its commission rules, simulate an order, publish',
      to: first ? `/programs/${first.id}/rules` : '/programs/new',
    },
    { done: false, text: 'Add a partner and create their link', to: '/partners/new' },
    {
      done: false,
      text: 'Put the snippet and the postback on your shop',
      to: first ? `/programs/${first.id}/integration` : '/programs/new',
    },
    { done: false, text: 'Approve conversions in the review queue', to: '/conversions?status=pending' },
    { done: false, text: 'Pay partners: create a batch, export it, mark it paid', to: '/payouts' },
  ]
  return (
    <Card title="Getting started" description="From an empty install to a first paid payout.">
      <ol className="card-body stack" data-testid="getting-started">
        {steps.map((s) => (
          <li key={s.text}>
            <Link to={s.to}>{s.text}</Link> {s.done ? <span className="badge badge-good">Done</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  )
}
