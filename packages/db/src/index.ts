export { hashPassword, verifyPassword } from './auth/passwords.ts'
export { migrateClickHouse } from './clickhouse/migrate.ts'
export type { ClickRow, EventRow, EventType, SubIds } from './clickhouse/rows.ts'
export { emptyEventRow, NIL_UUID } from './clickhouse/rows.ts'
export type { ClickHouseTarget, PostgresTarget, StoreSelection } from './config.ts'
export { ConfigError, describeIssues, storeConfigFromEnv } from './config.ts'
export { migratePostgres } from './postgres/migrate.ts'
export type {
  AdminRole,
  Commission,
  CommissionStatus,
  Conversion,
  ConversionStatus,
  Database,
  EnrollmentStatus,
  Link,
  NewCommission,
  NewConversion,
  Partner,
  PartnerType,
  Program,
  ProgramUpdate,
  User,
} from './postgres/schema.ts'
export type { Stores } from './stores.ts'
export { openStores } from './stores.ts'
