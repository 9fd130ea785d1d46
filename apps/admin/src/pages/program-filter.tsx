import { SelectField } from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../trpc.ts'

export interface ProgramFilterProps {
  readonly value: string | undefined
  readonly onChange: (programId: string | undefined) => void
}

/** "All programs" or one program; lists programs from programs.list. */
export function ProgramFilter({ value, onChange }: ProgramFilterProps) {
  const trpc = useTRPC()
  const programs = useQuery(trpc.programs.list.queryOptions(undefined, { staleTime: 5 * 60_000 }))
  const options = [
    { value: '', label: programs.isPending ? 'Loading programs…' : 'All programs' },
    ...(programs.data ?? []).map((program) => ({
      value: program.id,
      label: program.status === 'active' ? program.name : `${program.name} (${program.status})`,
    })),
  ]
  return (
    <SelectField
      label="Program"
      testId="program-filter"
      value={value ?? ''}
      options={options}
      disabled={programs.isPending}
      onChange={(next) => onChange(next || undefined)}
    />
  )
}

/** The selected program's currency, for showing zero amounts in it. */
export function useProgramCurrency(programId: string | undefined): string | null {
  const trpc = useTRPC()
  const programs = useQuery(trpc.programs.list.queryOptions(undefined, { staleTime: 5 * 60_000 }))
  if (!programId) return null
  return programs.data?.find((program) => program.id === programId)?.currency ?? null
}
