export type { DemoAdminLogin, DemoPartnerLogin } from './scenario/demo-logins.ts'
export { DEMO_LOGINS, DEMO_PASSWORD } from './scenario/demo-logins.ts'
export { isSeeded, type SeedOptions, seedDemo } from './seed-demo.ts'
export { readSeedSummary, type SeedSummary } from './summary.ts'
