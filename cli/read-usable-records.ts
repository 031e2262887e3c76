// The usable records of a records.jsonl for the commands that report on them (cost, compare): the project's one
// strict records reader, then the report's checks; bad lines and rejected records are named.
import { readRecordsFile } from '../experiments/reproduce/records-input.ts';
import { checkRecords } from '../reports/index.ts';
import type { RunRecord } from '../lib/ports.ts';
import { UserError } from './errors.ts';

/** Use for a records file named on the command line; UserError (exit 2) when none is usable. */
export function readUsableRecords(path: string, warn: (line: string) => void): RunRecord[] {
  // Impossible records are refused with their line number (exit 2).
  const raw = readRecordsFile(path);
  const check = checkRecords(raw, (i) => `${path}: record ${i + 1}`);
  if (check.usable.length === 0) throw new UserError(`${path}: no usable records${check.rejected.length ? `:\n  ${check.rejected.slice(0, 5).join('\n  ')}` : ' (the file is empty)'}`);
  for (const line of [...check.rejected, ...check.warnings]) warn(line);
  return check.usable;
}
