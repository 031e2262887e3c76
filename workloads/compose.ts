// Combining workloads: sum (several user populations), product (a shape times a dimensionless factor),
// scaled (fit a shape to a service), and shifted (start later). Pure; the result is again a Workload.
import type { ClosedWorkload, OpenWorkload, Workload } from './workload.ts';
import { checkNumber } from './check.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** Adds rates (open) or VUs (closed, same think time); duration = the longest part. Mixing open and closed is refused. */
export function sum(parts: readonly Workload[], name = 'sum'): Workload {
  if (parts.length === 0) throw new WorkloadSpecError('of', parts, 'at least one workload');
  const durationSeconds = Math.max(...parts.map((p) => p.durationSeconds));
  if (parts.every((p) => p.kind === 'open')) {
    const open = parts as readonly OpenWorkload[];
    return { kind: 'open', name, durationSeconds, rateAt: (t) => open.reduce((acc, p) => acc + p.rateAt(t), 0) };
  }
  if (parts.every((p) => p.kind === 'closed')) {
    const closed = parts as readonly ClosedWorkload[];
    const think = closed[0].thinkTimeSeconds;
    const other = closed.find((p) => p.thinkTimeSeconds !== think);
    if (other) {
      throw new WorkloadSpecError('of', other.thinkTimeSeconds, `the same thinkTimeSeconds in every closed part (${think})`);
    }
    return { kind: 'closed', name, durationSeconds, thinkTimeSeconds: think, vusAt: (t) => closed.reduce((acc, p) => acc + p.vusAt(t), 0) };
  }
  throw new WorkloadSpecError('of', parts.map((p) => p.kind), 'only open or only closed workloads (a sum cannot mix arrival rates with VUs)');
}

/** Multiplies open rates point by point; use a pattern with a mean of 1 as a dimensionless factor. Duration = the shortest part. */
export function product(parts: readonly Workload[], name = 'product'): OpenWorkload {
  if (parts.length === 0) throw new WorkloadSpecError('of', parts, 'at least one workload');
  parts.forEach((p, i) => {
    if (p.kind !== 'open') throw new WorkloadSpecError(`of[${i}]`, p.name, 'an open (arrival-rate) workload');
  });
  const open = parts as readonly OpenWorkload[];
  const durationSeconds = Math.min(...open.map((p) => p.durationSeconds));
  return {
    kind: 'open',
    name,
    durationSeconds,
    rateAt: (t) => (t >= 0 && t < durationSeconds ? open.reduce((acc, p) => acc * p.rateAt(t), 1) : 0),
  };
}

/** Multiplies the rate (open) or the VU count (closed, rounded to whole VUs) by a constant factor ≥ 0. */
export function scaled(base: Workload, factor: number, name = base.name): Workload {
  const f = checkNumber('factor', factor);
  if (base.kind === 'open') return { kind: 'open', name, durationSeconds: base.durationSeconds, rateAt: (t) => f * base.rateAt(t) };
  return {
    kind: 'closed',
    name,
    durationSeconds: base.durationSeconds,
    thinkTimeSeconds: base.thinkTimeSeconds,
    vusAt: (t) => Math.round(f * base.vusAt(t)),
  };
}

/** Starts a workload later: nothing before `startSeconds`, then the base shape (how k6 `startTime` works). */
export function shifted(base: Workload, startSeconds: number, name = base.name): Workload {
  const s = checkNumber('startSeconds', startSeconds);
  const durationSeconds = s + base.durationSeconds;
  if (base.kind === 'open') return { kind: 'open', name, durationSeconds, rateAt: (t) => (t >= s ? base.rateAt(t - s) : 0) };
  return { kind: 'closed', name, durationSeconds, thinkTimeSeconds: base.thinkTimeSeconds, vusAt: (t) => (t >= s ? base.vusAt(t - s) : 0) };
}
