import type {
  ConversionChangeRequest as ServiceChangeRequest,
  NewConversionRequest as ServiceNewRequest,
} from '@tandem/services'

export type {
  CommissionView,
  ConversionOutcome,
  ConversionView,
  ExternalStatus,
} from '@tandem/services'

/** Who sent a request, for the audit row: the API key's id, or null for a postback or the pixel. */
interface Sender {
  actorId: string | null
}

/** A new conversion as a route hands it over: the service's request and who sent it. */
export type NewConversionRequest = ServiceNewRequest & Sender & { source: 'postback' | 'api' | 'snippet' }
export type ConversionChangeRequest = ServiceChangeRequest &
  Sender & { source: 'postback' | 'api' | 'snippet' }
