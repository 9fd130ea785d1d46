import type { ConversionProgram, Stores } from '@tandem/db'
import {
  type ClickVerifier,
  type ConversionOutcome,
  changeConversion,
  DomainError,
  recordConversion,
  type ServiceActor,
  type ServiceContext,
} from '@tandem/services'
import { HttpError } from '../http/http-error.ts'
import type { ConversionChangeRequest, NewConversionRequest } from './types.ts'

export interface ConversionGatewayDeps {
  db: Stores['db']
  verifier: ClickVerifier
  /** Counts each request by source and result (tracker_conversions_total). */
  count(source: string, result: string): void
}

/**
 * The tracker's door to the conversion commands of @tandem/services: it names who is acting,
 * counts the outcome, and turns the services' refusals into HTTP answers. It decides nothing.
 */
export class ConversionGateway {
  constructor(private readonly deps: ConversionGatewayDeps) {}

  async create(program: ConversionProgram, request: NewConversionRequest): Promise<ConversionOutcome> {
    const { actorId, ...command } = request
    const outcome = await asHttp(() =>
      recordConversion(
        this.context(request.source, actorId),
        { verifier: this.deps.verifier },
        program,
        command,
      ),
    )
    this.deps.count(request.source, outcome.result)
    return outcome
  }

  async change(program: ConversionProgram, request: ConversionChangeRequest): Promise<ConversionOutcome> {
    const { actorId, ...command } = request
    const outcome = await asHttp(() =>
      changeConversion(this.context(request.source, actorId), program, command),
    )
    this.deps.count(request.source, outcome.result)
    return outcome
  }

  private context(source: NewConversionRequest['source'], actorId: string | null): ServiceContext {
    const actor: ServiceActor =
      source === 'api' && actorId
        ? { type: 'api', id: actorId }
        : source === 'postback'
          ? { type: 'postback', id: null }
          : { type: 'system', id: 'snippet' }
    return { db: this.deps.db, now: () => new Date(), actor }
  }
}

/** HTTP status per kind of refusal; the body's code is the refusal's finer reason. */
const STATUS: Record<DomainError['code'], number> = {
  invalid_input: 422,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
}

async function asHttp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof DomainError) {
      throw new HttpError(STATUS[error.code], error.reason, error.message, {}, error.details ?? null)
    }
    throw error
  }
}
