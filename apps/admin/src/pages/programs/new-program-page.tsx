import { PageHeader } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { useTRPC } from '../../trpc.ts'
import { ProgramForm } from './program-form.tsx'
import { createInputOf, EMPTY_PROGRAM } from './program-form-schema.ts'

export function NewProgramPage() {
  usePageTitle('New program')
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const create = useMutation(trpc.programs.create.mutationOptions())
  return (
    <>
      <PageHeader
        title="New program"
        description="Start with the basics; commission rules and credentials come next."
      />
      <ProgramForm
        mode="create"
        defaults={EMPTY_PROGRAM}
        submitLabel="Create program"
        onSubmit={async (values) => {
          const created = await create.mutateAsync(createInputOf(values))
          await queryClient.invalidateQueries(trpc.programs.list.pathFilter())
          navigate(`/programs/${created.id}/rules?created=1`)
        }}
      />
    </>
  )
}
