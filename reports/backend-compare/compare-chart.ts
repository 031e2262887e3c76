// The paired cells' per-minute series on both backends, overlaid: a column per cell, a row per panel (load,
// desired replicas, ready pods, P95 latency on a log axis), a colour per backend.
import type { RunRecord } from '../../lib/ports.ts';
import { renderSvg, type Chart } from '../charts/render-svg.ts';
import type { CellPair } from './pair-cells.ts';

const PANELS = [
  { title: 'load (req/s)', series: 'rps', log: false },
  { title: 'desired replicas', series: 'desiredReplicas', log: false },
  { title: 'ready pods', series: 'readyPods', log: false },
  { title: 'P95 latency (ms, log)', series: 'latencyP95Ms', log: true },
] as const;

interface Point { cell: string; backend: string; panel: string; tMinutes: number; value: number }

function points(cell: string, backend: string, r: RunRecord): Point[] {
  const s = r.series;
  if (!s) return [];
  const out: Point[] = [];
  for (const p of PANELS) {
    const values = s[p.series];
    values.forEach((v, i) => {
      if (!p.log || v > 0) out.push({ cell, backend, panel: p.title, tMinutes: s.tSeconds[i] / 60, value: v });
    });
  }
  return out;
}

/** Use beside the comparison table; null when no pair has series. */
export async function compareChart(pairs: readonly CellPair[], names: { a: string; b: string }): Promise<Chart | null> {
  const data = pairs.flatMap((p) => [...points(p.key, names.a, p.a), ...points(p.key, names.b, p.b)]);
  if (data.length === 0) return null;
  const width = Math.max(160, Math.min(320, Math.floor(1150 / pairs.length) - 30));
  const svg = await renderSvg({
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } },
    vconcat: PANELS.map((panel) => ({
      data: { values: data.filter((d) => d.panel === panel.title) },
      facet: { column: { field: 'cell', type: 'nominal', title: null, sort: pairs.map((p) => p.key) } },
      spec: {
        width,
        height: 100,
        mark: { type: 'line', strokeWidth: 1.4, interpolate: 'step-after', point: { size: 14 } },
        encoding: {
          x: { field: 'tMinutes', type: 'quantitative', title: 'minute of the run' },
          y: { field: 'value', type: 'quantitative', title: panel.title, scale: panel.log ? { type: 'log' } : { zero: true } },
          color: { field: 'backend', type: 'nominal', title: 'backend', scale: { domain: [names.a, names.b], range: ['#4e79a7', '#e15759'] } },
          strokeDash: { field: 'backend', type: 'nominal', title: 'backend', scale: { domain: [names.a, names.b], range: [[1, 0], [5, 3]] } },
        },
      },
    })),
  });
  return {
    id: 'backend-compare',
    title: `The same cells on ${names.a} and ${names.b}`,
    caption: 'Per-minute series of each paired cell on both backends (one run each).',
    svg,
  };
}
