// k6 duration values as k6 reads them (lib/types ParseExtendedDuration): Go durations ("1m30s", "500ms",
// "1.5h"), an optional leading whole-day part ("2d12h"), and bare numbers meaning milliseconds.
import { WorkloadSpecError } from './workload-spec-error.ts';
import { WORKLOAD_LIMITS } from './limits.ts';

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
// Unambiguous patterns (a digit run can be matched one way only), so matching is linear in the input length.
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
const BARE_NUMBER = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Longest k6 duration accepted, seconds: k6 holds durations as Go time.Duration (int64 nanoseconds, ~292 years). */
export const K6_MAX_DURATION_SECONDS = 9_223_372_036;
/** Longest duration text accepted (a bound at the door; "1d23h59m59.999s" is 15). */
export const K6_DURATION_MAX_CHARS = 64;

/** Seconds in a k6 duration; `field` names the option in the error ("got "5x", expected a k6 duration"). */
export function parseK6Duration(value: unknown, field: string): number {
  // k6 itself stops at Go's time.Duration (K6_MAX_DURATION_SECONDS); a scalelab workload at WORKLOAD_LIMITS.maxSeconds.
  const max = Math.min(K6_MAX_DURATION_SECONDS, WORKLOAD_LIMITS.maxSeconds);
  const expected = `a k6 duration ≥ 0 and ≤ ${max} s such as "30s", "1m30s", "2h", "500ms", "1d" or a number of milliseconds`;
  const bounded = (seconds: number): number => {
    if (!(seconds >= 0 && seconds <= max)) throw new WorkloadSpecError(field, value, expected);
    return seconds;
  };
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new WorkloadSpecError(field, value, expected);
    return bounded(value / 1000);
  }
  if (typeof value !== 'string' || value.length > K6_DURATION_MAX_CHARS) throw new WorkloadSpecError(field, value, expected);
  const text = value.trim();
  if (BARE_NUMBER.test(text)) return bounded(Number(text) / 1000);
  const days = /^(\d+)d/.exec(text);
  const rest = days ? text.slice(days[0].length) : text;
  const seconds = days ? Number(days[1]) * 86_400 : 0;
  if (rest === '') {
    if (days) return bounded(seconds);
    throw new WorkloadSpecError(field, value, expected);
  }
  const go = parseGoDuration(rest);
  if (go === undefined) throw new WorkloadSpecError(field, value, expected);
  return bounded(seconds + go);
}

function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  let body = text;
  if (body.startsWith('+')) body = body.slice(1);
  if (body === '') return undefined;
  let total = 0;
  GO_PART.lastIndex = 0;
  while (GO_PART.lastIndex < body.length) {
    const at = GO_PART.lastIndex;
    const m = GO_PART.exec(body);
    if (!m || m.index !== at) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  }
  return total;
}

/** Formats seconds the way k6 prints durations ("1m30s", "2h0m0s", "500ms") for tables and generated scripts. */
export function formatK6Duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`duration: got ${seconds} s, expected a finite number ≥ 0`);
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${Math.round(seconds * 1000 * 1000) / 1000}ms`;
  const totalMs = Math.round(seconds * 1000); // round once, so 59.9999 s prints 1m0s, not 60s
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs - h * 3_600_000) / 60_000);
  const s = (totalMs - h * 3_600_000 - m * 60_000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
