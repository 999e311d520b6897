/**
 * Scale-out on Redis with BullMQ (`@stkit/pipeline/distributed`): `submitQa`
 * enqueues the shards of a run, `runWorker` processes jobs of any run,
 * `runStatus` reports progress and writes the manifest at the end. This
 * entry is separate from `@stkit/pipeline` so the local commands never load
 * bullmq.
 */
export { submitQa, type SubmitQaOptions, type SubmitResult } from './submit';
export { runWorker, type WorkerOptions, type WorkerResult } from './worker';
export { runStatus, formatStatus, type RunStatus, type RunStatusOptions, type FailedShard } from './status';
export { QUEUE_NAME, jobId, type JobKind, type QaJobData, type QaRunRecord, type RunRecord, type ShardPlan, type Segment, type DoneShard } from './run';
export { planQaShards, type PlannedQaShard } from './qa-jobs';
