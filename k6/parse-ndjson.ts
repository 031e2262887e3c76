// k6 `--out json` text already in memory (small fixtures, tests) → binned points; real runs stream files through
// k6-results.ts and read-lines.ts instead. Same accumulator, so both give identical bins.
import { createK6Accumulator, type K6Points } from './k6-results.ts';

export type { K6Bin, K6Points } from './k6-results.ts';

/** Parses NDJSON text into bins of `binSeconds` starting at `startEpochMs` (default: the first sample's bin). */
export function parseK6Ndjson(text: string, binSeconds = 60, startEpochMs?: number, slaLatencyMs?: number): K6Points {
  const acc = createK6Accumulator({ binSeconds, slaLatencyMs });
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    acc.add(text.slice(from, end));
    from = end + 1;
  }
  return acc.finish(startEpochMs).points!;
}
