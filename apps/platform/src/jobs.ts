import { findDemoPostbackExample, findProgramRef, type Stores } from '@tandem/db'
import {
  createWebhookEndpoint,
  type JobRunner,
  jobRunnerConfigFromEnv,
  listWebhookEndpoints,
  rotateWebhookSecret,
  startJobRunner,
} from '@tandem/services'
import { z } from 'zod'

/**
 * The job runner inside the embedded process, on the shared PGlite instance (or on the Postgres
 * server when DATABASE_URL is set): hold-period approvals, outbox delivery, session expiry.
 */
export async function startEmbeddedJobs(
  stores: Stores,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<JobRunner> {
  const config = jobRunnerConfigFromEnv(env, 'embedded')
  const connection = stores.pglite
    ? ({ kind: 'pglite', pglite: stores.pglite } as const)
    : ({ kind: 'server', url: stores.databaseUrl ?? '' } as const)
  const runner = await startJobRunner({ db: stores.db, connection, config, log })
  if (config.holdOverrideSeconds !== null) {
    log(
      `Demo: conversions are approved ${config.holdOverrideSeconds} s after they are recorded (TANDEM_DEMO_HOLD_SECONDS)`,
    )
  }
  return runner
}

const demoWebhookEnv = z.object({
  TANDEM_DEMO_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'TANDEM_DEMO_WEBHOOK_URL must be an http(s) URL' })
    .optional(),
  TANDEM_DEMO_WEBHOOK_PROGRAM: z.string().trim().min(1).default('northwind-partners'),
})

/**
 * Demo convenience: TANDEM_DEMO_WEBHOOK_URL registers that URL as a webhook endpoint of the demo
 * program (through the same service call the admin API uses) and prints its signing secret. On a
 * later start the same URL keeps its endpoint and gets a fresh secret, printed again.
 */
export async function registerDemoWebhook(
  stores: Stores,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
  trackerUrl?: string,
): Promise<void> {
  const parsed = demoWebhookEnv.safeParse(env)
  if (!parsed.success) throw new DemoWebhookConfigError(parsed.error.issues[0]?.message ?? 'invalid')
  const { TANDEM_DEMO_WEBHOOK_URL: url, TANDEM_DEMO_WEBHOOK_PROGRAM: slug } = parsed.data
  if (!url) return
  const actor = { type: 'system' as const, id: 'platform:demo-webhook' }
  const { endpoint, secret, programId } = await createOrRefresh(stores, slug, url, actor)
  log(`Demo webhook: ${url} receives every event of program ${slug} (endpoint ${endpoint})`)
  log(`  signing secret (Standard Webhooks): ${secret}`)
  const example = await findDemoPostbackExample(stores.db, programId)
  if (example && trackerUrl) {
    const coupon = example.coupon ? `&coupon=${encodeURIComponent(example.coupon)}` : ''
    log(
      `  try: curl '${trackerUrl}/postback?token=${example.token}&order_id=DEMO-1&amount=49.90&currency=EUR${coupon}'`,
    )
  }
}

async function createOrRefresh(
  stores: Stores,
  slug: string,
  url: string,
  actor: { type: 'system'; id: string },
): Promise<{ endpoint: string; secret: string; programId: string }> {
  const program = await findProgramRef(stores.db, { slug })
  if (!program)
    throw new DemoWebhookConfigError(`TANDEM_DEMO_WEBHOOK_PROGRAM: no program ${JSON.stringify(slug)}`)
  // A second endpoint with the same URL would deliver everything twice: keep the first one.
  const existing = (await listWebhookEndpoints(stores.db, { programId: program.id })).find(
    (e) => e.url === url && e.active,
  )
  if (existing) {
    const { secret } = await rotateWebhookSecret(stores.db, { endpointId: existing.id }, actor)
    return { endpoint: existing.id, secret, programId: program.id }
  }
  const { endpoint, secret } = await createWebhookEndpoint(
    stores.db,
    { program: { id: program.id }, url },
    actor,
  )
  return { endpoint: endpoint.id, secret, programId: program.id }
}

export class DemoWebhookConfigError extends Error {
  override name = 'DemoWebhookConfigError'
}
