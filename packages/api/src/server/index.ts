export { readCookie, serializeSessionCookie } from './auth/cookies.ts'
export {
  DEFAULT_LOGIN_LIMITS,
  LoginLimiter,
  type LoginLimits,
  type LoginReservation,
} from './auth/login-limiter.ts'
export type { Portal, SessionPolicy } from './auth/session-policy.ts'
export { sessionPolicy } from './auth/session-policy.ts'
export { createSession, deleteExpiredSessions, deleteSession, loadSession } from './auth/sessions.ts'
export type {
  AuthRuntime,
  Context,
  ContextFactoryOptions,
  Logger,
  NodeRequestLike,
  NodeResponseLike,
  RequestInfo,
} from './context.ts'
export { consoleLogger, createContextFactory } from './context.ts'
export { GENERIC_SERVER_ERROR, INVALID_CREDENTIALS, PLEASE_LOG_IN } from './errors.ts'
export type { PortalEnv } from './http/portal-env.ts'
export { readPortalEnv, readTrustedProxies } from './http/portal-env.ts'
export type { PortalServerOptions, RequestListener, RunningServer } from './http/portal-server.ts'
export { CONTENT_SECURITY_POLICY, startPortalServer } from './http/portal-server.ts'
export { MAX_BATCH_SIZE } from './http/request-guard.ts'
export { type PortalMainOptions, runPortalMain } from './http/run-portal-main.ts'
export { serveSpa } from './http/serve-spa.ts'
export type { TrpcHandlerOptions } from './http/trpc-handler.ts'
export { createTrpcHandler } from './http/trpc-handler.ts'
export {
  adminProcedure,
  hasRole,
  managerProcedure,
  ownerProcedure,
  partnerProcedure,
  publicProcedure,
  requireRole,
} from './procedures.ts'
export type { AdminRouter } from './routers/admin/index.ts'
export { adminRouter } from './routers/admin/index.ts'
export type { PartnerRouter } from './routers/partner/index.ts'
export { partnerRouter } from './routers/partner/index.ts'
export { createCallerFactory } from './trpc.ts'
