export type { DemoAdminLogin, DemoPartnerLogin } from './demo-logins.ts'
export { DEMO_LOGINS, DEMO_PASSWORD } from './demo-logins.ts'
export { isSeeded, type SeedOptions, seedDemo } from './seed-demo.ts'
export { readSeedSummary, type SeedSummary } from './summary.ts'
