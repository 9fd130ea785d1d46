import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvalidInputError } from '@tandem/core'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { GENERIC_SERVER_ERROR } from './errors.ts'
import { publicProcedure } from './procedures.ts'
import { router } from './trpc.ts'

// A throwaway router on the real error formatter and procedures: what does a client see?
const testRouter = router({
  boom: publicProcedure.query(() => {
    throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db')
  }),
  core: publicProcedure.query(() => {
    throw new InvalidInputError('A tier must start above the previous one')
  }),
  typed: publicProcedure
    .input(z.object({ n: z.number().int().min(1, 'n must be at least 1') }))
    .query(() => 1),
  badOutput: publicProcedure.output(z.object({ ok: z.literal(true) })).query(() => ({ ok: false }) as never),
})

describe('error policy', () => {
  let server: Server
  let url: string
  const logged: unknown[] = []

  beforeAll(async () => {
    const handler = createHTTPHandler({
      router: testRouter,
      createContext: () => ({}) as never,
      onError: ({ error }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logged.push(error.cause)
      },
    })
    server = createServer(handler)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const call = async (path: string, input?: unknown) => {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
    const res = await fetch(`${url}/${path}${qs}`)
    return { status: res.status, body: (await res.json()) as { error: { message: string; data: object } } }
  }

  it('turns an unexpected error into a generic 500, logs it, and leaks nothing', async () => {
    const { status, body } = await call('boom')
    expect(status).toBe(500)
    expect(body.error.message).toBe(GENERIC_SERVER_ERROR)
    expect(JSON.stringify(body)).not.toMatch(/hunter2|ECONNREFUSED|stack|\.ts:/)
    expect(logged.some((e) => e instanceof Error && e.message.includes('ECONNREFUSED'))).toBe(true)
  })

  it("maps core's input errors to a 400 with core's message", async () => {
    const { status, body } = await call('core')
    expect(status).toBe(400)
    expect(body.error.message).toBe('A tier must start above the previous one')
  })

  it('explains a rejected input field by field', async () => {
    const { status, body } = await call('typed', { n: 0 })
    expect(status).toBe(400)
    expect(body.error.message).toBe('n: n must be at least 1')
    expect(body.error.data).toMatchObject({ issues: [{ path: 'n', message: 'n must be at least 1' }] })
  })

  it('treats an output that breaks its schema as a server bug', async () => {
    const { status, body } = await call('badOutput')
    expect(status).toBe(500)
    expect(body.error.message).toBe(GENERIC_SERVER_ERROR)
  })
})
