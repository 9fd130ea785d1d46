import type { AdminOutputs } from '@tandem/api'
import { errorMessage, StatusBadge } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { canManage, useCurrentUser } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'

type Enrollment = AdminOutputs['partners']['list']['items'][number]['enrollments'][number]

export interface EnrollmentListProps {
  readonly partnerId: string
  readonly enrollments: readonly Enrollment[]
}

/** A partner's programs and enrollment status; managers approve or reject pending ones here. */
export function EnrollmentList({ partnerId, enrollments }: EnrollmentListProps) {
  const user = useCurrentUser()
  if (enrollments.length === 0) return <span className="muted">None</span>
  return (
    <ul className="plain-list">
      {enrollments.map((enrollment) => (
        <li key={enrollment.programId}>
          <span>{enrollment.programName}</span> <StatusBadge status={enrollment.status} />
          {enrollment.status === 'pending' && canManage(user) ? (
            <Decide
              partnerId={partnerId}
              programId={enrollment.programId}
              programName={enrollment.programName}
            />
          ) : null}
        </li>
      ))}
    </ul>
  )
}

function Decide({
  partnerId,
  programId,
  programName,
}: {
  readonly partnerId: string
  readonly programId: string
  readonly programName: string
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const decide = useMutation(
    trpc.partners.setEnrollmentStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.partners.list.pathFilter()),
    }),
  )
  return (
    <span className="inline-actions">
      <button
        type="button"
        className="button button-small"
        disabled={decide.isPending}
        aria-label={`Approve in ${programName}`}
        onClick={() => decide.mutate({ partnerId, programId, status: 'approved' })}
      >
        Approve
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        disabled={decide.isPending}
        aria-label={`Reject in ${programName}`}
        onClick={() => decide.mutate({ partnerId, programId, status: 'rejected' })}
      >
        Reject
      </button>
      {decide.isError ? (
        <span className="field-error" role="alert">
          {errorMessage(decide.error)}
        </span>
      ) : null}
    </span>
  )
}
