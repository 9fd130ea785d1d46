import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { setEnrollmentStatusInput, setEnrollmentStatusOutput } from '../schemas/admin.ts'

export async function setEnrollmentStatus(
  _stores: Stores,
  _params: z.output<typeof setEnrollmentStatusInput> & { actorUserId: string; now: Date },
): Promise<z.output<typeof setEnrollmentStatusOutput>> {
  throw new Error('not implemented yet')
}
