// Types only: the SPAs import this entry, and nothing here may pull server code into a browser bundle.
import type { AnyTRPCRouter, inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type { AdminRouter } from './server/routers/admin/index.ts'
import type { PartnerRouter } from './server/routers/partner/index.ts'

export type { AdminRole, SessionUser } from './server/schemas/auth.ts'
export type { Money } from './server/schemas/common.ts'
export type { AdminRouter, PartnerRouter }

/** Inputs of any router's procedures: RouterInputs<AdminRouter>['overview']['summary']. */
export type RouterInputs<TRouter extends AnyTRPCRouter> = inferRouterInputs<TRouter>
/** Outputs of any router's procedures: RouterOutputs<PartnerRouter>['links']['list']. */
export type RouterOutputs<TRouter extends AnyTRPCRouter> = inferRouterOutputs<TRouter>

export type AdminInputs = inferRouterInputs<AdminRouter>
export type AdminOutputs = inferRouterOutputs<AdminRouter>
export type PartnerInputs = inferRouterInputs<PartnerRouter>
export type PartnerOutputs = inferRouterOutputs<PartnerRouter>
