export { type WorkerConfig, WorkerConfigError, workerConfigFromEnv } from './config.ts'
export { type RunningWorker, startWorker } from './worker.ts'
