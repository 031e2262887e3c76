// The transfer study's chart: both learning curves (mean quality over seeds against training steps, the 95 % CI
// as a band) in one panel, with HPA-70's quality on the same evaluation episodes as a dashed reference line.
import { renderSvg, type Chart } from '../charts/render-svg.ts';
import type { TransferSummary } from './transfer-summary.ts';

/** Use after summariseTransfer; `reference` is a baseline's quality (e.g. HPA-70) drawn as a horizontal rule. */
export async function transferChart(s: TransferSummary, fromScratch: string, reference: { label: string; quality: number }, what: string): Promise<Chart> {
  const values = Object.entries(s.curves).flatMap(([arm, points]) =>
    points.map((p) => ({ arm, step: p.step, quality: p.quality.estimate, low: p.quality.low, high: p.quality.high })));
  const x = { field: 'step', type: 'quantitative', title: 'training steps (decisions)' } as const;
  // From scratch in red; the fine-tuned arms (one per --freeze) in blues and greens.
  const arms = [...Object.keys(s.curves).filter((a) => a !== fromScratch), fromScratch];
  const color = { field: 'arm', type: 'nominal', title: null, sort: arms, scale: { domain: arms, range: [...['#1f77b4', '#2ca02c', '#17becf', '#9467bd'].slice(0, arms.length - 1), '#d62728'] } } as const;
  const svg = await renderSvg({
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } },
    width: 620,
    height: 340,
    layer: [
      { data: { values }, mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'quality (higher is better)', scale: { zero: false } }, y2: { field: 'high' }, color } },
      { data: { values }, mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { field: 'quality', type: 'quantitative' }, color } },
      { data: { values: [{ quality: reference.quality, label: reference.label }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { y: { field: 'quality', type: 'quantitative' } } },
      { data: { values: [{ quality: reference.quality, label: reference.label }] }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#555' }, encoding: { y: { field: 'quality', type: 'quantitative' }, x: { datum: 0 }, text: { field: 'label' } } },
    ],
  });
  return { id: 'transfer-curves', title: 'Fine-tuned vs from-scratch learning curves', caption: `${what} Quality = −(mean pods / 20) − 20 × SLA-violating fraction of requests. Lines: mean over training seeds; bands: 95 % percentile-bootstrap CI over seeds; dashed: ${reference.label} on the same episodes.`, svg };
}
