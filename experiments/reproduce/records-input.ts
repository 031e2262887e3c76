// `reproduce --records FILE`: the records a report is built from when the experiment is not run here.
import { readRunRecords } from '../records-file.ts';

/** Reads a records.jsonl strictly (the runner's own validator): any impossible record → UserError with its line. */
export function readRecordsFile(path: string): unknown[] {
  return readRunRecords(path, { lastNewlineOptional: true });
}
