// The metrics the thesis tables compare, read from a RunRecord (definitions: DESIGN.md §6).
// A metric returns null when the record has no value for it (e.g. no under-provisioning episode).
import type { RunRecord } from '../../lib/ports.ts';
import type { Better } from './verdict.ts';

/** How to read, scale and print one metric. */
export interface MetricSpec {
  id: string;
  label: string;
  /** Display unit after scaling (e.g. 'ms', '%', '$'). */
  unit: string;
  /** Multiplier from the record's unit to the display unit (fractions → % use 100). */
  scale: number;
  decimals: number;
  better: Better;
  /** A descriptive quantity (λ, safety-intervention rate): a claimed value is reproduced only by CI containment. */
  descriptive?: boolean;
  /** Above this (display units) a higher value is no longer better: "beats the claim" stops there (efficiency > 100 % = pods run past their CPU request). */
  betterUpTo?: number;
  /** What a null value means, for the table note (default: no such event in the run). */
  undefinedMeaning?: string;
  get(record: RunRecord): number | null;
}

const field = (key: keyof RunRecord['metrics']) => (r: RunRecord): number | null => {
  const v = r.metrics?.[key];
  return typeof v === 'number' ? v : v === null ? null : NaN;
};

/**
 * Safety-layer overrides / all decisions, from the reason codes: every code starting with `Safety` (the
 * constrained agent writes SafetyForceScaleUp, SafetyBlockScaleDown, SafetyBlockScaleUp). null without reasons.
 */
function interventionRate(r: RunRecord): number | null {
  if (!r.reasons) return null;
  let total = 0;
  let safety = 0;
  for (const [code, count] of Object.entries(r.reasons)) {
    total += count;
    if (code.startsWith('Safety')) safety += count;
  }
  return total === 0 ? null : safety / total;
}

/** Fallback only: a `lambda` in the record's config (depth ≤ 3). The report prefers the model's training log (model-facts.ts). */
function lambda(r: RunRecord): number | null {
  const find = (v: unknown, depth: number): number | null => {
    if (depth > 3 || v === null || typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    if (typeof o.lambda === 'number') return o.lambda;
    for (const child of Object.values(o)) {
      const found = find(child, depth + 1);
      if (found !== null) return found;
    }
    return null;
  };
  return find(r.config, 0);
}

/** Every metric a thesis table uses, by id. */
export const METRICS = {
  latencyMeanMs: { id: 'latencyMeanMs', label: 'mean latency', unit: 'ms', scale: 1, decimals: 1, better: 'lower', get: field('latencyMeanMs') },
  latencyP95Ms: { id: 'latencyP95Ms', label: 'latency P95', unit: 'ms', scale: 1, decimals: 1, better: 'lower', get: field('latencyP95Ms') },
  costUsd: { id: 'costUsd', label: 'cost', unit: '$', scale: 1, decimals: 2, better: 'lower', get: field('costUsd') },
  slaRateRequests: { id: 'slaRateRequests', label: 'SLA violation rate (requests)', unit: '%', scale: 100, decimals: 2, better: 'lower', get: field('slaViolationRateRequests') },
  slaRateMinutes: { id: 'slaRateMinutes', label: 'SLA violation rate (minutes)', unit: '%', scale: 100, decimals: 2, better: 'lower', get: field('slaViolationRateMinutes') },
  resourceEfficiency: { id: 'resourceEfficiency', label: 'resource efficiency', unit: '%', scale: 100, decimals: 1, better: 'higher', betterUpTo: 100, get: field('resourceEfficiency') },
  scalingLatencyMeanSeconds: { id: 'scalingLatencyMeanSeconds', label: 'scaling latency (mean)', unit: 's', scale: 1, decimals: 1, better: 'lower', undefinedMeaning: 'nothing to measure there, e.g. no under-provisioning episode', get: field('scalingLatencyMeanSeconds') },
  meanPods: { id: 'meanPods', label: 'mean pods', unit: 'pods', scale: 1, decimals: 2, better: 'lower', get: field('meanPods') },
  lambda: { id: 'lambda', label: 'λ converged', unit: '', scale: 1, decimals: 2, better: 'lower', descriptive: true, undefinedMeaning: 'the record carries no λ', get: lambda },
  safetyInterventionRate: { id: 'safetyInterventionRate', label: 'safety interventions', unit: '%', scale: 100, decimals: 1, better: 'lower', descriptive: true, undefinedMeaning: 'the record has no decision reason codes', get: interventionRate },
} satisfies Record<string, MetricSpec>;

export type MetricId = keyof typeof METRICS;
