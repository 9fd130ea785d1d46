import { errorMessage } from '../errors/error-message.ts'
import type { CursorPager } from '../paging/use-cursor-pager.ts'
import { Card } from './card.tsx'
import { DataTable, type DataTableProps } from './data-table.tsx'
import { Pager } from './pager.tsx'
import { ErrorState, LoadingState } from './states.tsx'

/** The parts of a server-paged list query the card reads. */
export interface PagedListQuery<Row> {
  readonly isError: boolean
  readonly error: unknown
  readonly data: { readonly items: readonly Row[]; readonly nextCursor: string | null } | undefined
  readonly isPlaceholderData: boolean
  refetch(): unknown
}

export interface PagedTableCardProps<Row> extends Omit<DataTableProps<Row>, 'rows' | 'stale'> {
  readonly list: PagedListQuery<Row>
  readonly pager: CursorPager
  /** "Could not load conversions". */
  readonly errorTitle: string
  /** "Loading conversions…". */
  readonly loadingLabel: string
}

/**
 * One page of a server-paged list in a flush card: the table and Previous / Next, or loading, or
 * the error with a retry. The old page stays on screen, dimmed, while the next one loads.
 */
export function PagedTableCard<Row>({
  list,
  pager,
  errorTitle,
  loadingLabel,
  ...table
}: PagedTableCardProps<Row>) {
  return (
    <Card className="is-flush">
      {list.isError ? (
        <ErrorState
          title={errorTitle}
          message={errorMessage(list.error)}
          onRetry={() => void list.refetch()}
        />
      ) : list.data === undefined ? (
        <LoadingState label={loadingLabel} />
      ) : (
        <>
          <DataTable {...table} rows={list.data.items} stale={list.isPlaceholderData} />
          <Pager
            page={pager.page}
            rowCount={list.data.items.length}
            hasPrevious={pager.hasPrevious}
            hasNext={list.data.nextCursor !== null && !list.isPlaceholderData}
            onPrevious={pager.previous}
            onNext={() => list.data?.nextCursor && pager.next(list.data.nextCursor)}
            pending={list.isPlaceholderData}
          />
        </>
      )}
    </Card>
  )
}
