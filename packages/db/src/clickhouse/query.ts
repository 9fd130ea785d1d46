import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'

/**
 * Runs a read on ClickHouse with {name:Type} parameters (never pasted into the SQL) and
 * parses every row with zod: a schema drift fails loudly here instead of as NaN in a chart.
 * Undefined parameters are left out, so optional filters can share one params object.
 */
export async function chRows<T extends z.ZodType>(
  ch: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
  row: T,
): Promise<z.output<T>[]> {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
  const result = await ch.query({ query, query_params: defined, format: 'JSONEachRow' })
  return z.array(row).parse(await result.json())
}

/** UInt64 / Int64 arrive as strings in JSON: a safe integer or a parse error. */
export const chInt = z.coerce.number().pipe(z.number().int().safe())
