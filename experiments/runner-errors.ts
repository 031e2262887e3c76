// Why the runner refused an existing records file, as a code a caller can act on (reproduce moves stale records
// aside and reruns) instead of matching the message's words.
import { UserError } from '../lib/errors.ts';

/** Why a finished record cannot be reused by this run. */
export type RecordsMismatchReason =
  /** The record's cell is not a cell of this experiment. */
  | 'NotInExperiment'
  /** Produced by another backend (records of different backends are never mixed). */
  | 'OtherBackend'
  /** Produced by other simulator/autoscaler code (config.codeVersion differs). */
  | 'OtherCodeVersion'
  /** Produced with another configuration (config.hash differs). */
  | 'OtherConfig'
  /** The same cell appears twice. */
  | 'DuplicateCell';

/** Thrown by `runExperiment` when records.jsonl holds a record this run must not reuse (exit 2). */
export class RecordsMismatchError extends UserError {
  readonly reason: RecordsMismatchReason;
  constructor(reason: RecordsMismatchReason, message: string) {
    super(message);
    this.name = 'RecordsMismatchError';
    this.reason = reason;
  }
}
