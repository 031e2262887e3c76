// The report's lead chart: each baseline family's settings and tuned frontier, and every agent, in the
// cost × SLA-violation plane. Agents and frontier settings are labelled (placed without overlaps in pixel space);
// the other settings are told apart by the legend (20 distinguishable colours, a shape per kind).
import { placeLabels } from '../charts/label-layout.ts';
import { renderSvg, type Chart } from '../charts/render-svg.ts';
import { efficientFrontier } from './hull.ts';
import type { FrontierAnalysis } from './tuned-frontier.ts';

const WIDTH = 860;
const HEIGHT = 480;

/** Frontier chart; null when there is nothing to draw. */
export async function frontierChart(a: FrontierAnalysis): Promise<Chart | null> {
  const pts = [...a.settings, ...a.agents];
  if (pts.length === 0) return null;
  const vMax = Math.max(...pts.map((p) => p.violation));
  const cMin = Math.min(...pts.map((p) => p.cost));
  const cMax = Math.max(...pts.map((p) => p.cost));
  const x = [0, vMax * 1.1 || 1];
  const pad = (cMax - cMin) * 0.08 || cMax * 0.1 || 1;
  const y = [Math.max(0, cMin - pad), cMax + pad];
  const px = (v: number): number => ((v - x[0]) / (x[1] - x[0])) * WIDTH;
  const py = (c: number): number => HEIGHT - ((c - y[0]) / (y[1] - y[0])) * HEIGHT;
  const settings = a.settings.map((s) => ({ group: s.family, kind: s.onFrontier ? 'frontier setting' : 'other setting', label: s.label, violation: s.violation, cost: s.cost }));
  const agents = a.agents.map((g) => ({ group: g.label, kind: 'agent', label: g.label, violation: g.violation, cost: g.cost }));
  const lines = a.families.flatMap((family) => efficientFrontier(a.settings.filter((s) => s.family === family && s.onFrontier)).map((s, order) => ({ group: family, order, violation: s.violation, cost: s.cost })));
  const requests = [...agents, ...settings.filter((s) => s.kind === 'frontier setting')].map((p) => ({ id: p.label, x: px(p.violation), y: py(p.cost), text: p.label }));
  const { placed, dropped } = placeLabels(requests, [...agents, ...settings].map((p) => ({ x: px(p.violation), y: py(p.cost), r: 6 })), { width: WIDTH, height: HEIGHT });
  const toData = (xPx: number, yPx: number): { violation: number; cost: number } => ({ violation: x[0] + (xPx / WIDTH) * (x[1] - x[0]), cost: y[0] + ((HEIGHT - yPx) / HEIGHT) * (y[1] - y[0]) });
  const labels = placed.map((l) => ({ text: l.text, ...toData(l.box.x, l.box.y + l.box.h / 2) }));
  const leaders = placed.filter((l) => l.leader).flatMap((l, i) => {
    const end = { x: Math.min(Math.max(l.anchor.x, l.box.x), l.box.x + l.box.w), y: Math.min(Math.max(l.anchor.y, l.box.y), l.box.y + l.box.h) };
    return [{ id: i, order: 0, ...toData(l.anchor.x, l.anchor.y) }, { id: i, order: 1, ...toData(end.x, end.y) }];
  });
  const enc = {
    x: { field: 'violation', type: 'quantitative', title: 'SLA-violating requests (%)', scale: { domain: x, nice: false, zero: false } },
    y: { field: 'cost', type: 'quantitative', title: 'mean cost per run ($)', scale: { domain: y, nice: false, zero: false } },
  } as const;
  const color = { field: 'group', type: 'nominal', title: 'family / agent', scale: { scheme: 'tableau20' } } as const;
  const svg = await renderSvg({
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: lines }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { ...enc, color, detail: { field: 'group' }, order: { field: 'order', type: 'quantitative' } } },
      { data: { values: leaders }, mark: { type: 'line', color: '#999', strokeWidth: 0.7 }, encoding: { ...enc, detail: { field: 'id' }, order: { field: 'order', type: 'quantitative' } } },
      ...(['other setting', 'frontier setting', 'agent'] as const).map((kind) => ({
        data: { values: [...settings, ...agents].filter((p) => p.kind === kind) },
        mark: { type: 'point' as const, filled: true, stroke: 'black', strokeWidth: 0.6, size: kind === 'agent' ? 150 : kind === 'frontier setting' ? 70 : 40 },
        encoding: {
          ...enc,
          color,
          shape: { field: 'kind', type: 'nominal' as const, title: 'point', scale: { domain: ['agent', 'frontier setting', 'other setting'], range: ['diamond', 'circle', 'triangle-up'] } },
        },
      })),
      { data: { values: labels }, mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10 }, encoding: { ...enc, text: { field: 'text' } } },
    ],
  });
  const split = a.heldOut ? `evaluated on held-out seeds ${a.evaluationSeeds.join(', ')}` : `chosen and evaluated on the same seeds (${a.evaluationSeeds.join(', ')}): no held-out split in these records`;
  const caption = `Lower-left is better. Lines: each baseline family's tuned frontier (lower convex hull of its settings, ${split}); diamonds: agents.${dropped.length ? ` Labels left out for lack of room: ${dropped.join(', ')} (see the table).` : ''}`;
  return { id: 'frontier', title: 'Cost vs SLA violations: agents against the tuned-baseline frontiers', caption, svg };
}
