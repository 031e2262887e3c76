// `reproduce --records FILE`: the records a report is built from when the experiment is not run here.
import { readFileSync } from 'node:fs';
import { UserError } from '../../lib/errors.ts';
import { jsonLines } from '../../lib/json-lines.ts';

/** Reads a records.jsonl leniently: every line parsed, bad lines named; checkRecords decides what is usable. */
export function readRecordsFile(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read records file ${path}`, { cause: err });
  }
  const out: unknown[] = [];
  for (const line of jsonLines(text)) {
    if (!line.ok) throw new UserError(`${path}: line ${line.lineNumber} is not valid JSON (expected one RunRecord per line)`, { cause: line.error });
    out.push(line.value);
  }
  return out;
}
