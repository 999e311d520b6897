/**
 * Scale-out on Redis with BullMQ (`@stkit/pipeline/distributed`): `submitQa`
 * (`submitGt`, `submitPseudo`) enqueues the shards of a run, `runWorker` processes jobs of any run,
 * `runStatus` reports progress and writes the manifest at the end. This
 * entry is separate from `@stkit/pipeline` so the local commands never load
 * bullmq.
 */
export {
  submitQa,
  submitGt,
  submitPseudo,
  type SubmitQaOptions,
  type SubmitGtOptions,
  type SubmitGtResult,
  type SubmitPseudoOptions,
  type SubmitResult,
} from './submit';
export { runWorker, type WorkerOptions, type WorkerResult } from './worker';
export { runStatus, formatStatus, type RunStatus, type RunStatusOptions, type FailedShard } from './status';
export {
  QUEUE_NAME,
  GPU_QUEUE_NAME,
  jobId,
  type JobKind,
  type QaJobData,
  type GtJobData,
  type GtRunRecord,
  type PseudoJobData,
  type QaRunRecord,
  type PseudoRunRecord,
  type RunRecord,
  type ShardPlan,
  type Segment,
  type DoneShard,
} from './run';
export { planQaShards, type PlannedQaShard } from './qa-jobs';
export { planGtShards } from './gt-jobs';
