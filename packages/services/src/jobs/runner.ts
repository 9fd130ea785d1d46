import { type Database, deleteExpiredSessions, markOutboxDead } from '@tandem/db'
import type { Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import { approveDueConversions } from '../conversions/approve-held.ts'
import { sendDueEmails } from '../mail/sender.ts'
import { createMailer, type Mailer } from '../mail/transport.ts'
import { settleDueReferrals } from '../rewards/settle-referral.ts'
import { type DeliveryResult, deliverOutboxRow } from '../webhooks/deliver.ts'
import { deliveryExpireSeconds, type JobRunnerConfig } from './config.ts'
import { createBoss, type QueueConnection } from './queue-connection.ts'
import { type DeliverJob, QUEUES } from './queues.ts'
import { relayOutbox } from './relay.ts'
import { planScheduledPayouts } from './scheduled-payouts.ts'

export interface JobRunnerOptions {
  db: Kysely<Database>
  connection: QueueConnection
  config: JobRunnerConfig
  log: (line: string) => void
  /** Called after each delivery job's attempt (metrics; tests count which worker did what). */
  onDelivery?: (result: DeliveryResult | { result: 'failed'; error: string }) => void
  /** Sends the queued emails (default: made from config.mail). */
  mailer?: Mailer
}

export interface JobRunner {
  /** Moves new outbox rows into the queue now (tests; the runner also does it on its own). */
  relayNow(): Promise<number>
  /** Sends the due queued emails now (tests; the runner also does it on its own). */
  sendMailNow(): Promise<number>
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), then returns. */
  stop(timeoutMs?: number): Promise<void>
}

/**
 * The job runner: pg-boss workers for outbox delivery, dead letters, the hold-period sweep, referral
 * rewards, scheduled payouts and session expiry, plus the outbox relay. Runs the same in the embedded process (PGlite) and in
 * any number of `apps/worker` replicas (Postgres server): pg-boss hands each job to one worker
 * (SKIP LOCKED), periodic sweeps are throttled to one job per period across all of them.
 */
export async function startJobRunner(opts: JobRunnerOptions): Promise<JobRunner> {
  const { db, config, log } = opts
  const boss = createBoss(opts.connection, {
    pollingSeconds: config.pollingSeconds,
    maintenanceSeconds: config.maintenanceSeconds,
  })
  boss.on('error', (error: Error & { queue?: string }) =>
    log(`jobs: ${error.queue ? `${error.queue}: ` : ''}${error.message}`),
  )
  await boss.start()
  await ensureQueue(boss, QUEUES.dead, { retryLimit: 5, retryDelay: 5, retryBackoff: true })
  await ensureQueue(boss, QUEUES.deliver, {
    retryLimit: config.webhook.retryLimit,
    retryDelay: config.webhook.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: deliveryExpireSeconds(config.webhook.timeoutMs),
    deadLetter: QUEUES.dead,
  })
  const sweep = { retryLimit: 0, expireInSeconds: 600 }
  await ensureQueue(boss, QUEUES.approveHeld, sweep)
  await ensureQueue(boss, QUEUES.settleReferrals, sweep)
  await ensureQueue(boss, QUEUES.scheduledPayouts, sweep)
  await ensureQueue(boss, QUEUES.expireSessions, sweep)

  const work = { pollingIntervalSeconds: config.pollingSeconds }
  const deliverWorkers: string[] = []
  for (let i = 0; i < config.webhook.concurrency; i++) {
    deliverWorkers.push(
      await boss.work<DeliverJob>(QUEUES.deliver, work, async ([job]) => {
        if (!job) return
        try {
          const r = await deliverOutboxRow({ db, timeoutMs: config.webhook.timeoutMs }, job.data.outboxId)
          opts.onDelivery?.(r)
        } catch (error) {
          opts.onDelivery?.({
            result: 'failed',
            error: error instanceof Error ? error.message : String(error),
          })
          throw error // pg-boss retries it with backoff
        }
      }),
    )
  }
  await boss.work<DeliverJob>(QUEUES.dead, work, async ([job]) => {
    if (job && (await markOutboxDead(db, job.data.outboxId))) {
      log(
        `jobs: outbox row ${job.data.outboxId} is dead after its last retry (replay it once the receiver is fixed)`,
      )
    }
  })
  const policy = { holdOverrideSeconds: config.holdOverrideSeconds }
  await boss.work(QUEUES.approveHeld, work, async () => {
    const s = await approveDueConversions(db, new Date(), policy, { log })
    if (s.approved + s.failed > 0) log(`jobs: hold period over: ${s.approved} approved, ${s.failed} failed`)
  })
  await boss.work(QUEUES.settleReferrals, work, async () => {
    const s = await settleDueReferrals(db, new Date(), { log })
    if (s.qualified + s.voided + s.failed > 0) {
      log(`jobs: referral rewards: ${s.qualified} qualified, ${s.voided} voided, ${s.failed} failed`)
    }
  })
  await boss.work(QUEUES.scheduledPayouts, work, async () => {
    await planScheduledPayouts(db, new Date(), log)
  })
  await boss.work(QUEUES.expireSessions, work, async () => {
    await deleteExpiredSessions(db, new Date())
  })

  // Each worker asks for the sweeps every period; pg-boss keeps one job per period slot.
  const throttled = (queue: string, seconds: number) => {
    const send = () =>
      boss.sendThrottled(queue, {}, {}, seconds).catch((e: Error) => log(`jobs: ${queue}: ${e.message}`))
    void send()
    return setInterval(send, seconds * 1000)
  }
  const timers = [
    throttled(QUEUES.approveHeld, config.holdCheckSeconds),
    throttled(QUEUES.settleReferrals, config.referralSweepSeconds),
    throttled(QUEUES.expireSessions, config.sessionSweepSeconds),
    throttled(QUEUES.scheduledPayouts, config.payoutSweepSeconds),
  ]

  // Email: each worker claims due rows (SKIP LOCKED, with a lease), so replicas never send one twice.
  const mailConfig = config.mail
  const mailer = mailConfig ? (opts.mailer ?? createMailer(mailConfig.transport)) : null
  if (mailer) log(`jobs: email goes to ${mailer.describe}`)
  let mailing: Promise<number> | null = null
  const sendMailNow = async (): Promise<number> => {
    if (!mailer || !mailConfig) return 0
    // One pass at a time per worker: a slow server never piles passes up.
    mailing ??= sendDueEmails(db, mailer, mailConfig)
      .then((s) => {
        if (s.failed > 0) log(`jobs: email: ${s.sent} sent, ${s.failed} failed (retried later)`)
        return s.sent
      })
      .finally(() => {
        mailing = null
      })
    return mailing
  }
  const mailTimer = mailer
    ? setInterval(() => {
        sendMailNow().catch((e: Error) => log(`jobs: email: ${e.message}`))
      }, config.mailIntervalMs ?? 2000)
    : null

  let stopping = false
  let wake: (() => void) | null = null
  const relayNow = async () => {
    const n = await relayOutbox(db, boss)
    // Local delivery workers fetch at once instead of at their next poll.
    if (n > 0) for (const id of deliverWorkers) boss.notifyWorker(id)
    return n
  }
  const relayLoop = (async () => {
    while (!stopping) {
      let moved = 0
      try {
        moved = await relayNow()
      } catch (error) {
        if (!stopping) log(`jobs: outbox relay: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (moved >= 100 || stopping) continue
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, config.relayIntervalMs)
        wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
      wake = null
    }
  })()

  return {
    relayNow,
    sendMailNow,
    stop: async (timeoutMs = 15_000) => {
      if (stopping) return
      stopping = true
      for (const t of timers) clearInterval(t)
      if (mailTimer) clearInterval(mailTimer)
      await (mailing as Promise<number> | null)?.catch(() => 0)
      if (!opts.mailer) mailer?.close()
      ;(wake as (() => void) | null)?.()
      await relayLoop
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs })
    },
  }
}

/**
 * Creates the queue if missing and applies the current options. pg-boss's create_queue attaches a
 * partition, and replicas starting at the same moment can deadlock on it: Postgres aborts one of
 * them (40P01), which tries again.
 */
async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...options })
      await boss.updateQueue(name, { name, ...options })
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100))
    }
  }
}
