// Parsing request-count traces from text (pure; experiments/load-trace.ts reads the file). Three formats:
// CSV `minute,requests` or `second,requests` (header required to tell them apart, index column consecutive),
// and whitespace-separated per-second counts (the web-service-datasets `workload.txt` layout).
import { WorkloadSpecError } from './workload-spec-error.ts';
import { WORKLOAD_LIMITS } from './limits.ts';

/** A request-count series: counts[i] requests arrived during [i·resolution, (i+1)·resolution) seconds. */
export interface Trace {
  /** Where it came from (file name or label), for workload names and messages. */
  readonly name: string;
  /** Length of one interval, seconds (60 for per-minute traces, 1 for per-second ones). */
  readonly resolutionSeconds: number;
  /** Requests per interval, ≥ 0; zero intervals are kept (gaps in the capture are real idle time). */
  readonly counts: readonly number[];
}

/** Parser options for files whose format the text alone does not settle. */
export interface ParseTraceOptions {
  /** Interval length for CSV files without a header, seconds (60 or 1). */
  resolutionSeconds?: number;
}

const RESOLUTION_BY_HEADER: Record<string, number> = { minute: 60, minutes: 60, second: 1, seconds: 1 };

/** Parses trace text; errors name the line (1-based), the value and what was expected. */
export function parseTrace(text: string, name = 'trace', options: ParseTraceOptions = {}): Trace {
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstIndex < 0) throw new WorkloadSpecError('line 1', '', 'a trace: a `minute,requests` or `second,requests` CSV, or whitespace-separated per-second counts');
  if (lines[firstIndex].includes(',')) return parseCsv(lines, firstIndex, name, options);
  return parseWhitespace(lines, name);
}

function parseCsv(lines: string[], first: number, name: string, options: ParseTraceOptions): Trace {
  const head = lines[first].split(',').map((c) => c.trim().toLowerCase());
  let resolutionSeconds: number;
  let start = first;
  if (head.some((c) => /[a-z]/.test(c))) {
    const res = RESOLUTION_BY_HEADER[head[0]];
    if (res === undefined || head.length !== 2) {
      throw new WorkloadSpecError(`line ${first + 1}`, lines[first].trim(), 'a header `minute,requests` or `second,requests`');
    }
    resolutionSeconds = res;
    start = first + 1;
  } else if (options.resolutionSeconds !== undefined) {
    resolutionSeconds = options.resolutionSeconds;
  } else {
    throw new WorkloadSpecError(`line ${first + 1}`, lines[first].trim(), 'a header `minute,requests` or `second,requests` (a CSV without one does not say whether rows are minutes or seconds)');
  }
  const counts: number[] = [];
  let expectedIndex: number | undefined;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',');
    if (cells.length !== 2) throw new WorkloadSpecError(`line ${i + 1}`, line, 'two comma-separated columns: index,requests');
    const index = Number(cells[0]);
    if (!Number.isInteger(index) || cells[0].trim() === '') throw new WorkloadSpecError(`line ${i + 1}`, cells[0].trim(), 'an integer interval index');
    if (expectedIndex !== undefined && index !== expectedIndex) {
      throw new WorkloadSpecError(`line ${i + 1}`, index, `index ${expectedIndex} (rows consecutive, no gaps or repeats)`);
    }
    expectedIndex = index + 1;
    counts.push(parseCount(cells[1], i + 1, resolutionSeconds));
    if (counts.length > WORKLOAD_LIMITS.maxSteps) throw new WorkloadSpecError(`line ${i + 1}`, line, `at most ${WORKLOAD_LIMITS.maxSteps} intervals`);
  }
  if (counts.length === 0) throw new WorkloadSpecError(`line ${lines.length}`, '', 'at least one data row after the header');
  return { name, resolutionSeconds, counts };
}

function parseWhitespace(lines: string[], name: string): Trace {
  const counts: number[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    for (const token of line.split(/\s+/)) counts.push(parseCount(token, i + 1, 1));
    if (counts.length > WORKLOAD_LIMITS.maxSteps) throw new WorkloadSpecError(`line ${i + 1}`, line, `at most ${WORKLOAD_LIMITS.maxSteps} intervals`);
  });
  return { name, resolutionSeconds: 1, counts };
}

function parseCount(cell: string, lineNumber: number, resolutionSeconds: number): number {
  const text = cell.trim();
  const value = Number(text);
  const max = WORKLOAD_LIMITS.maxRps * resolutionSeconds;
  if (text === '' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new WorkloadSpecError(`line ${lineNumber}`, text, `a request count ≥ 0 and ≤ ${max} (${WORKLOAD_LIMITS.maxRps} req/s)`);
  }
  return value;
}

/** Summary of a trace in its own units (requests per interval): what the traces README publishes. */
export function traceStats(trace: Trace): { intervals: number; meanPerInterval: number; maxPerInterval: number; zeroIntervals: number } {
  let total = 0;
  let max = 0;
  let zeros = 0;
  for (const c of trace.counts) {
    total += c;
    if (c > max) max = c;
    if (c === 0) zeros++;
  }
  return { intervals: trace.counts.length, meanPerInterval: total / trace.counts.length, maxPerInterval: max, zeroIntervals: zeros };
}
