// Requests/s one pod serves within the SLA, from the fitted plant: a single Ready pod is an M/M/1 queue behind
// the fixed delay, whose P95 is fixed + ln(20)/(μ − λ); capacity = the λ where that equals the SLA.
import type { PlantConfig } from '../config.ts';
import { unidentified, type ParamFit } from './fit-types.ts';
import type { RunSeriesView } from './minutes.ts';

/** λ (req/s) at which one pod's P95 reaches the SLA; 0 when even an idle pod is slower than the SLA. */
export function slaCapacityRps(cpuPerRequestCoreSeconds: number, baseServiceTimeMs: number, cpuLimitMilli: number, slaLatencyMs: number): number {
  const mu = cpuLimitMilli / 1000 / cpuPerRequestCoreSeconds;
  const fixedMs = baseServiceTimeMs - 1000 / mu;
  if (!(slaLatencyMs > fixedMs)) return 0;
  return Math.min(mu, Math.max(0, mu - (1000 * Math.log(20)) / (slaLatencyMs - fixedMs)));
}

/** Use for `podCapacityRps` once CPU per request (and base time, fitted or default) are known. */
export function fitPodCapacity(views: readonly RunSeriesView[], cpu: ParamFit, base: ParamFit, plant: PlantConfig, cost: number): ParamFit {
  if (!cpu.identifiable) return unidentified(`needs cpuPerRequestCoreSeconds, which these records do not identify (${cpu.why})`);
  const baseMs = base.identifiable ? base.estimate : plant.baseServiceTimeMs;
  const cap = (c: number, b: number): number => slaCapacityRps(c, b, plant.cpuLimitMilli, plant.slaLatencyMs);
  // Capacity falls as either cost rises: the interval from the CI ends of both (conservative: no correlation assumed).
  const ci: [number, number] | null = cpu.ci && base.identifiable && base.ci ? [cap(cpu.ci[1], base.ci[1]), cap(cpu.ci[0], base.ci[0])] : null;
  let observed = 0;
  for (const v of views) {
    for (const p of v.points) if (p.readyPods >= 1 && p.latencyP95Ms > 0 && p.latencyP95Ms <= v.slaLatencyMs) observed = Math.max(observed, p.rps / p.readyPods);
  }
  return {
    identifiable: true, estimate: cap(cost, baseMs), unit: 'req/s', ci, ...(ci ? {} : { error: 'no CI: needs CIs of both cpuPerRequestCoreSeconds and baseServiceTimeMs' }),
    recordsUsed: cpu.recordsUsed, minutesUsed: cpu.minutesUsed,
    method: `one Ready pod (M/M/1 behind the fixed delay) at P95 = SLA ${plant.slaLatencyMs} ms, from the fitted CPU per request and ${base.identifiable ? 'fitted' : 'default'} base service time; the CI combines both CIs' ends`,
    details: { cpuBoundRps: plant.cpuLimitMilli / 1000 / cost, observedMaxRpsPerPodWithinSla: observed },
  };
}
