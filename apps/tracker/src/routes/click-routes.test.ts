import { openTestStores } from '@tandem/db/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chNumber,
  httpGet,
  type SeededProgram,
  seedProgram,
  startTestTracker,
  TEST_SECRET,
} from '../../test/fixtures.ts'
import { eventually } from '../../test/flaky-inserter.ts'
import { verifyClickId } from '../click-id.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let running: Awaited<ReturnType<typeof startTestTracker>>
let seed: SeededProgram
let base: string

const METRICS_TOKEN = 'metrics-token-0123456789abcdef'

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

beforeAll(async () => {
  stores = await openTestStores()
  seed = await seedProgram(stores.db)
  running = await startTestTracker(stores, { metricsToken: METRICS_TOKEN, metricsPort: 0 })
  base = running.tracker.url
})
afterAll(async () => {
  await running?.close()
  await stores?.dispose()
})

const click = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { redirect: 'manual', headers: { 'user-agent': CHROME, ...headers } })

describe('GET /r/:code', () => {
  it('answers 302 to the destination with a signed click id, sub-ids and UTM parameters kept', async () => {
    const res = await click(
      `/r/${seed.code}?sub1=a%20b&sub3=x&utm_source=news&utm_campaign=spring&other=ignored`,
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const location = new URL(res.headers.get('location')!)
    expect(location.origin + location.pathname).toBe('https://shop.example/spring')
    expect(location.hash).toBe('#top')
    expect(location.searchParams.get('ref')).toBe('partner')
    expect(location.searchParams.get('sub1')).toBe('a b')
    expect(location.searchParams.get('sub3')).toBe('x')
    expect(location.searchParams.get('utm_source')).toBe('news')
    expect(location.searchParams.get('utm_campaign')).toBe('spring')
    expect(location.searchParams.has('other')).toBe(false)
    const verdict = verifyClickId(location.searchParams.get('tclid')!, TEST_SECRET)
    expect(verdict).toMatchObject({ ok: true, linkId: seed.linkId, bot: false })
  })

  it('follows a deep link only to an exact allowed host (no open redirect)', async () => {
    const allowed = await click(`/r/${seed.code}?url=${encodeURIComponent('https://example.org/post?x=1')}`)
    expect(new URL(allowed.headers.get('location')!).host).toBe('example.org')
    for (const evil of [
      'https://blog.example.org/post',
      'https://attacker-page.example.org/',
      'https://evil.example/',
      'https://shop.example.evil.com/',
      'https://evilshop.example/',
      'javascript:alert(1)',
      '//evil.example/',
      'https://shop.example@evil.example/',
    ]) {
      const res = await click(`/r/${seed.code}?url=${encodeURIComponent(evil)}`)
      expect(res.status, evil).toBe(302)
      expect(new URL(res.headers.get('location')!).host, evil).toBe('shop.example')
    }
  })

  it('follows a deep link to a subdomain only for a program that opted into subdomains', async () => {
    const optedIn = await seedProgram(stores.db, { deepLinkSubdomains: true })
    const url = encodeURIComponent('https://blog.example.org/post?x=1')
    const followed = await click(`/r/${optedIn.code}?url=${url}`)
    expect(new URL(followed.headers.get('location')!).host).toBe('blog.example.org')
    const evil = await click(
      `/r/${optedIn.code}?url=${encodeURIComponent('https://example.org.evil.example/')}`,
    )
    expect(new URL(evil.headers.get('location')!).host).toBe('shop.example')
    const exact = await click(`/r/${seed.code}?url=${url}`)
    expect(new URL(exact.headers.get('location')!).host).toBe('shop.example')
  })

  it('answers a plain 404 page for unknown codes, and 400 for malformed parameters', async () => {
    for (const path of ['/r/does-not-exist', '/r/', '/r/%00', `/r/${'x'.repeat(100)}`, '/r/a/b']) {
      const res = await click(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(await res.text()).toContain('Link not found')
    }
    const long = await click(`/r/${seed.code}?sub1=${'x'.repeat(300)}`)
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('sub1: must be at most 255 characters')
  })

  it('records every click in ClickHouse within the flush interval, unique once per visitor and link', async () => {
    // A visitor of its own (the hash is of IP and user agent); X-Forwarded-For is ignored here.
    const ip = { 'x-forwarded-for': '198.51.100.7', 'user-agent': `${CHROME} unique-visitor` }
    for (let i = 0; i < 3; i++) expect((await click(`/r/${seed.code}?sub2=batch`, ip)).status).toBe(302)
    const where = 'program_id = {p:UUID} AND sub2 = {s:String}'
    const params = { p: seed.programId, s: 'batch' }
    await eventually(
      async () => (await chNumber(stores, `SELECT count() AS v FROM clicks WHERE ${where}`, params)) === 3,
    )
    expect(await chNumber(stores, `SELECT sum(is_unique) AS v FROM clicks WHERE ${where}`, params)).toBe(1)
    const ipHash = await stores.ch.query({
      query: `SELECT DISTINCT ip_hash, visitor_hash, device FROM clicks WHERE ${where}`,
      query_params: params,
      format: 'JSONEachRow',
    })
    const [row] = await ipHash.json<{ ip_hash: string; visitor_hash: string; device: string }>()
    expect(row?.ip_hash).toMatch(/^[0-9a-f]{16}$/) // hashed, never the address
    expect(row?.device).toBe('desktop')
  })

  it('flags bot traffic in ClickHouse and in the click id, and still redirects it', async () => {
    const res = await click(`/r/${seed.code}?sub2=bot`, {
      'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    })
    expect(res.status).toBe(302)
    const id = new URL(res.headers.get('location')!).searchParams.get('tclid')!
    expect(verifyClickId(id, TEST_SECRET)).toMatchObject({ ok: true, bot: true })
    const params = { p: seed.programId, s: 'bot' }
    await eventually(
      async () =>
        (await chNumber(
          stores,
          'SELECT sum(is_bot) AS v FROM clicks WHERE program_id = {p:UUID} AND sub2 = {s:String}',
          params,
        )) === 1,
    )
  })

  it('sets a first-party cookie when served on a subdomain of an allowed domain', async () => {
    const ua = { 'user-agent': CHROME }
    const first = await httpGet(`${base}/r/${seed.code}`, { ...ua, host: 'track.shop.example' })
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(
      new RegExp(
        `^tdm_${seed.slug}_srv=[A-Za-z0-9_-]{40}; Domain=shop.example; Path=/; Max-Age=2592000; SameSite=Lax$`,
      ),
    )
    const firstId = cookie.split(';')[0]!.split('=')[1]!
    const second = await httpGet(`${base}/r/${seed.code}`, {
      ...ua,
      host: 'track.shop.example',
      cookie: `other=1; tdm_${seed.slug}_srv=${firstId}`,
    })
    const value = String(second.headers['set-cookie']).split(';')[0]!.split('=')[1]!
    expect(value.split('.')).toHaveLength(2)
    expect(value.startsWith(firstId)).toBe(true)
    // Not on a merchant domain (the tracker's own host): no cookie.
    expect((await httpGet(`${base}/r/${seed.code}`, ua)).headers['set-cookie']).toBeUndefined()
  })

  it('picks up a paused link within seconds (change notification), then a re-activated one', async () => {
    expect((await click(`/r/${seed.code}`)).status).toBe(302)
    await stores.db.updateTable('links').set({ status: 'paused' }).where('id', '=', seed.linkId).execute()
    await eventually(async () => (await click(`/r/${seed.code}`)).status === 404)
    await stores.db.updateTable('links').set({ status: 'active' }).where('id', '=', seed.linkId).execute()
    await eventually(async () => (await click(`/r/${seed.code}`)).status === 302)
    // A link created after its code was looked up (and cached as missing) shows up too.
    await click('/r/brand-new-link')
    await stores.db
      .insertInto('links')
      .values({
        program_id: seed.programId,
        partner_id: seed.partnerId,
        code: 'brand-new-link',
        destination_url: 'https://shop.example/new',
      })
      .execute()
    await eventually(async () => (await click('/r/brand-new-link')).status === 302)
  })

  it('reconnects the change feed when its Postgres connection drops (server mode)', async (test) => {
    // LISTEN/NOTIFY reconnects exist only on a Postgres server: the PGlite project skips this one.
    if (!stores.databaseUrl) test.skip()
    const listeners = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int8 as n from pg_stat_activity
            where application_name = 'tandem-tracker-listen' and datname = current_database()`.execute(
            stores.db,
          )
        ).rows[0]?.n,
      )
    expect(await listeners()).toBe(1)
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'tandem-tracker-listen' and datname = current_database()`.execute(stores.db)
    await eventually(async () => (await listeners()) === 1, 100)
    expect((await click(`/r/${seed.code}`)).status).toBe(302) // cached again
    await stores.db.updateTable('links').set({ status: 'paused' }).where('id', '=', seed.linkId).execute()
    await eventually(async () => (await click(`/r/${seed.code}`)).status === 404)
    await stores.db.updateTable('links').set({ status: 'active' }).where('id', '=', seed.linkId).execute()
    await eventually(async () => (await click(`/r/${seed.code}`)).status === 302)
  })

  it('answers 404 for the links of a paused program', async () => {
    const other = await seedProgram(stores.db)
    expect((await click(`/r/${other.code}`)).status).toBe(302)
    await stores.db
      .updateTable('programs')
      .set({ status: 'paused' })
      .where('id', '=', other.programId)
      .execute()
    await eventually(async () => (await click(`/r/${other.code}`)).status === 404)
  })

  it('keeps redirecting when a hand edit stored an invalid fraud pattern (core defaults apply)', async () => {
    const other = await seedProgram(stores.db)
    await stores.db
      .updateTable('programs')
      .set({ fraud: JSON.stringify({ botUserAgent: { extraPatterns: ['(unclosed'] } }) })
      .where('id', '=', other.programId)
      .execute()
    running.tracker.invalidateProgram(other.programId)
    for (let i = 0; i < 3; i++) expect((await click(`/r/${other.code}`)).status).toBe(302)
  })
})

describe('GET /p.gif, /t.js, /healthz, /metrics', () => {
  it('records an impression and answers a 1x1 GIF', async () => {
    const res = await fetch(`${base}/p.gif?link=${seed.code}&sub1=imp`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/gif')
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 6)
        .toString(),
    ).toBe('GIF89a')
    const params = { p: seed.programId, s: 'imp' }
    await eventually(
      async () =>
        (await chNumber(
          stores,
          "SELECT count() AS v FROM events WHERE program_id = {p:UUID} AND type = 'impression' AND sub1 = {s:String}",
          params,
        )) === 1,
    )
    expect((await fetch(`${base}/p.gif?link=nope`)).status).toBe(404)
    expect((await fetch(`${base}/p.gif`)).status).toBe(400)
  })

  it("serves the snippet with the program's settings", async () => {
    const res = await fetch(`${base}/t.js?program=${seed.slug}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/javascript')
    const js = await res.text()
    expect(js).toContain(`"cookie":"tdm_${seed.slug}"`)
    expect(js).toContain('"param":"tclid"')
    expect(js).toContain(`"endpoint":"${base}"`)
    expect(() => new Function(js)).not.toThrow() // parses as JavaScript
    expect((await fetch(`${base}/t.js?program=unknown-program`)).status).toBe(404)
    expect((await fetch(`${base}/t.js`)).status).toBe(400)
  })

  it('reports health and Prometheus metrics', async () => {
    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', sender: 'ok' })
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text()
    for (const name of [
      'tracker_http_requests_total{route="redirect",status="302"}',
      'tracker_http_request_duration_seconds_bucket{le="0.005",route="redirect"}',
      'tracker_events_spooled_total{table="clicks"}',
      'tracker_events_sent_total{table="clicks"}',
      'tracker_send_retries_total',
      'tracker_spool_bytes',
      'tracker_link_cache_hit_ratio',
    ]) {
      expect(metrics).toContain(name)
    }
  })

  it('serves /metrics publicly only with the bearer token, and without one on the metrics port', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all-xx' },
    })
    expect(wrong.status).toBe(401)
    const local = await fetch(`http://127.0.0.1:${running.tracker.metricsPort}/metrics`)
    expect(local.status).toBe(200)
    expect(await local.text()).toContain('tracker_http_requests_total')
    // A tracker configured with neither does not serve metrics on its public port at all.
    const plain = await startTestTracker(stores)
    try {
      const res = await fetch(`${plain.tracker.url}/metrics`)
      expect(res.status).toBe(404)
      expect(await res.text()).toMatch(/TRACKER_METRICS_PORT or TRACKER_METRICS_TOKEN/)
    } finally {
      await plain.close()
    }
  })

  it('answers 405 for other methods and 404 for other paths', async () => {
    const post = await fetch(`${base}/r/${seed.code}`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404)
  })
})
