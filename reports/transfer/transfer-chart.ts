// The transfer study's chart: both learning curves (mean quality over seeds against training steps, the 95 % CI
// as a band) with HPA-70's quality on the same evaluation episodes as a dashed reference line. Two panels of the
// same curves: the full range, and a zoom on the range the fine-tuned arms and the reference span (where the
// arms' plateaus differ by a few hundredths while the from-scratch start is far below).
import { renderSvg, type Chart } from '../charts/render-svg.ts';
import type { TransferSummary } from './transfer-summary.ts';

/** Use after summariseTransfer; `reference` is a baseline's quality (e.g. HPA-70) drawn as a horizontal rule. */
export async function transferChart(s: TransferSummary, fromScratch: string, reference: { label: string; quality: number }, what: string): Promise<Chart> {
  const values = Object.entries(s.curves).flatMap(([arm, points]) =>
    points.map((p) => ({ arm, step: p.step, quality: p.quality.estimate, low: p.quality.low, high: p.quality.high })));
  // From scratch in red; the fine-tuned arms (one per --freeze) in blues and greens.
  const arms = [...Object.keys(s.curves).filter((a) => a !== fromScratch), fromScratch];
  const color = { field: 'arm', type: 'nominal', title: null, sort: arms, scale: { domain: arms, range: [...['#1f77b4', '#2ca02c', '#17becf', '#9467bd'].slice(0, arms.length - 1), '#d62728'] } } as const;
  const x = { field: 'step', type: 'quantitative', title: 'training steps (decisions)' } as const;
  const zoomed = [...values.filter((v) => v.arm !== fromScratch).flatMap((v) => [v.low, v.high]), reference.quality];
  const pad = (Math.max(...zoomed) - Math.min(...zoomed)) * 0.15 || 0.05;
  const panel = (title: string, domain?: number[]) => ({
    width: 620,
    height: domain ? 260 : 180,
    title: { text: title, fontSize: 11, anchor: 'start' as const },
    layer: [
      { data: { values }, mark: { type: 'area' as const, opacity: 0.18, clip: true }, encoding: { x, y: { field: 'low', type: 'quantitative' as const, title: 'quality (higher is better)', scale: domain ? { domain } : { zero: false } }, y2: { field: 'high' }, color } },
      { data: { values }, mark: { type: 'line' as const, point: true, strokeWidth: 2, clip: true }, encoding: { x, y: { field: 'quality', type: 'quantitative' as const }, color } },
      { data: { values: [{ quality: reference.quality, label: reference.label }] }, mark: { type: 'rule' as const, strokeDash: [6, 4], color: '#555' }, encoding: { y: { field: 'quality', type: 'quantitative' as const } } },
      { data: { values: [{ quality: reference.quality, label: reference.label }] }, mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: -6, color: '#555' }, encoding: { y: { field: 'quality', type: 'quantitative' as const }, x: { datum: 0 }, text: { field: 'label' } } },
    ],
  });
  const svg = await renderSvg({
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } },
    vconcat: [panel('full range'), panel('zoom on the fine-tuned arms and the reference', [Math.min(...zoomed) - pad, Math.max(...zoomed) + pad])],
  });
  return {
    id: 'transfer-curves', title: 'Fine-tuned vs from-scratch learning curves',
    caption: `${what} Quality = −(mean pods / 20) − 20 × SLA-violating fraction of requests. Lines: mean over training seeds; bands: 95 % percentile-bootstrap CI over seeds; dashed: ${reference.label} on the same episodes.`,
    svg,
  };
}
