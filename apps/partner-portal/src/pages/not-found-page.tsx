import { EmptyState } from '@tandem/ui'
import { Link } from 'react-router'

export function NotFoundPage() {
  return (
    <EmptyState
      title="Page not found"
      description="This address does not match any page."
      action={<Link to="/">Go to your dashboard</Link>}
    />
  )
}
