// The inspection's numbers turned into the charts' inputs (features back in units, actions labelled and coloured by
// what they do) and written as SVG files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_SETS, type ActionSetName, type ScalingAction } from '../../agent/rl/index.ts';
import type { FeatureUnit, ModelInspection } from '../../experiments/model-inspect/index.ts';
import { policyGridSvg, timelineSvg } from '../../reports/index.ts';

const UP = ['#fdae61', '#f46d43', '#b2182b'];
const DOWN = ['#abd9e9', '#74add1', '#2c5c9c'];
const HOLD = '#e3e3e3';

/** How strongly an action scales (sign = direction): delta in pods, a factor as 4·ln(factor) (×2 ≈ +2.8). */
const strength = (a: ScalingAction) => ('delta' in a ? a.delta : 4 * Math.log(a.factor));

/** A reader's name for an action: "+1 pod", "−1 pod", "hold", "×2", "×0.5". */
export function actionLabel(a: ScalingAction): string {
  if ('factor' in a) return a.factor === 1 ? 'hold' : `×${a.factor}`;
  if (a.delta === 0) return 'hold';
  return `${a.delta > 0 ? '+' : '−'}${Math.abs(a.delta)} pod${Math.abs(a.delta) === 1 ? '' : 's'}`;
}

/** Labels and colours of an action set, in its order: scale-downs blue, hold grey, scale-ups orange to red, darker = stronger. */
export function actionColours(set: readonly ScalingAction[]): { name: string; label: string; colour: string }[] {
  const pick = (palette: string[], rank: number, count: number) => palette[count === 1 ? 1 : count === 2 ? rank * 2 : Math.round((rank * 2) / (count - 1))];
  const ups = set.filter((a) => strength(a) > 0).sort((p, q) => strength(p) - strength(q));
  const downs = set.filter((a) => strength(a) < 0).sort((p, q) => strength(q) - strength(p));
  return set.map((a) => {
    const s = strength(a);
    const colour = s > 0 ? pick(UP, ups.indexOf(a), ups.length) : s < 0 ? pick(DOWN, downs.indexOf(a), downs.length) : HOLD;
    return { name: a.name, label: actionLabel(a), colour };
  });
}

const toUnits = (u: FeatureUnit, f: number) => u.offset + u.scale * f;

/** Where and how to draw an inspection. */
export interface ChartOptions {
  /** The model's name in titles. */
  name: string;
  actionSet: ActionSetName;
  slaLatencyMs: number;
  /** Seconds between two decisions. */
  periodSeconds: number;
  /** Folder the SVG files go to (exists). */
  out: string;
}

/** Writes policy-grid.svg and timeline.svg into `o.out`; returns their paths. */
export async function writeInspectionCharts(r: ModelInspection, o: ChartOptions): Promise<Record<string, string>> {
  const { name, actionSet, slaLatencyMs, out } = o;
  const g = r.grid;
  const actions = actionColours(ACTION_SETS[actionSet]);
  const labelOf = new Map(actions.map((a) => [a.name, a.label]));
  const half = (g.values[1] - g.values[0]) / 2;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const cells = g.points.map((p) => ({
    x0: toUnits(g.xUnit, clip(p.x - half)), x1: toUnits(g.xUnit, clip(p.x + half)), y0: toUnits(g.yUnit, clip(p.y - half)), y1: toUnits(g.yUnit, clip(p.y + half)),
    action: labelOf.get(p.action) ?? p.action, value: p.value, headroom: p.headroom,
  }));
  const domain = (u: FeatureUnit): [number, number] => [toUnits(u, 0), toUnits(u, 1)];
  const range = r.headroom ? (r.headroom.range as [number, number]) : undefined;
  const s = r.scenario;
  const scenarioText = `${s.scenario}, ${s.baseRps}→${s.peakRps} req/s, ${s.durationSeconds / 60} min, seed ${s.seed}`;
  const charts = { policyGrid: join(out, 'policy-grid.svg'), timeline: join(out, 'timeline.svg') };
  writeFileSync(charts.policyGrid, await policyGridSvg({
    title: `${name}: policy over ${g.xUnit.label.replace(/ \(.*$/, '')} × ${g.yUnit.label.replace(/ \(.*$/, '')}`,
    subtitle: [`scenario: ${scenarioText}`, `other features at their median over it; dots: the ${g.visited.length} states seen`],
    x: { title: g.xUnit.label, domain: domain(g.xUnit) },
    y: { title: g.yUnit.label, domain: domain(g.yUnit) },
    cells,
    actions: actions.map(({ label, colour }) => ({ label, colour })),
    visited: g.visited.map((v) => ({ x: toUnits(g.xUnit, v.x), y: toUnits(g.yUnit, v.y) })),
    headroomRange: range,
  }));
  writeFileSync(charts.timeline, await timelineSvg({
    title: `${name} over ${s.scenario}`,
    subtitle: [`${scenarioText}; a decision every ${o.periodSeconds} s`, ...(range ? [`PPO picks the headroom every ${r.headroom!.ppoPeriodDecisions} decisions`] : [])],
    points: r.timeline,
    slaLatencyMs,
    headroomRange: range,
  }));
  return charts;
}
