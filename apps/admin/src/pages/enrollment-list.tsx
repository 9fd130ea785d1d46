import type { AdminOutputs } from '@tandem/api'
import { StatusBadge } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ConfirmButton } from '../kit/confirm-button.tsx'
import { MutationStatus } from '../kit/mutation-status.tsx'
import { canManage, useCurrentUser } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'

type Enrollment = AdminOutputs['partners']['list']['items'][number]['enrollments'][number]

export interface EnrollmentListProps {
  readonly partnerId: string
  readonly partnerName?: string
  readonly enrollments: readonly Enrollment[]
}

/** A partner's programs and enrollment status; managers decide applications here (with undo). */
export function EnrollmentList({ partnerId, partnerName, enrollments }: EnrollmentListProps) {
  const user = useCurrentUser()
  if (enrollments.length === 0) return <span className="muted">None</span>
  return (
    <ul className="plain-list">
      {enrollments.map((enrollment) => (
        <li key={enrollment.programId}>
          <span>{enrollment.programName}</span> <StatusBadge status={enrollment.status} />
          {canManage(user) ? (
            <EnrollmentActions
              partnerId={partnerId}
              partnerName={partnerName ?? 'this partner'}
              programId={enrollment.programId}
              programName={enrollment.programName}
              status={enrollment.status}
            />
          ) : null}
        </li>
      ))}
    </ul>
  )
}

type Status = 'pending' | 'approved' | 'rejected' | 'suspended'

/** Approve / reject (with a reason) a pending application, suspend / reinstate, and undo the last decision. */
export function EnrollmentActions({
  partnerId,
  partnerName,
  programId,
  programName,
  status,
}: {
  readonly partnerId: string
  readonly partnerName: string
  readonly programId: string
  readonly programName: string
  readonly status: Status
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [undo, setUndo] = useState<Status | null>(null)
  const decide = useMutation(
    trpc.partners.setEnrollmentStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.partners.pathFilter()),
    }),
  )
  const set = (next: Status, reason?: string) => {
    setUndo(status)
    decide.mutate({ partnerId, programId, status: next, ...(reason ? { reason } : {}) })
  }
  return (
    <span className="inline-actions">
      {status === 'pending' ? (
        <>
          <button
            type="button"
            className="button button-small"
            disabled={decide.isPending}
            aria-label={`Approve ${partnerName} in ${programName}`}
            onClick={() => set('approved')}
          >
            Approve
          </button>
          <ConfirmButton
            title={`Reject ${partnerName} in ${programName}?`}
            message="They cannot earn in this program. The reason goes into the audit trail."
            confirmLabel="Reject"
            reason="optional"
            danger
            disabled={decide.isPending}
            ariaLabel={`Reject ${partnerName} in ${programName}`}
            onConfirm={(reason) => set('rejected', reason)}
          >
            Reject
          </ConfirmButton>
        </>
      ) : null}
      {status === 'approved' ? (
        <ConfirmButton
          title={`Suspend ${partnerName} in ${programName}?`}
          message="Their links stop earning in this program until you reinstate them."
          confirmLabel="Suspend"
          reason="required"
          danger
          disabled={decide.isPending}
          ariaLabel={`Suspend ${partnerName} in ${programName}`}
          onConfirm={(reason) => set('suspended', reason)}
        >
          Suspend
        </ConfirmButton>
      ) : null}
      {status === 'suspended' || status === 'rejected' ? (
        <button
          type="button"
          className="button button-small"
          disabled={decide.isPending}
          aria-label={`Approve ${partnerName} in ${programName}`}
          onClick={() => set('approved')}
        >
          {status === 'suspended' ? 'Reinstate' : 'Approve'}
        </button>
      ) : null}
      {undo && decide.isSuccess && undo !== status ? (
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => {
            decide.mutate({ partnerId, programId, status: undo, reason: 'Undone' })
            setUndo(null)
          }}
        >
          Undo
        </button>
      ) : null}
      <MutationStatus mutation={decide} success={null} pending="…" />
    </span>
  )
}
