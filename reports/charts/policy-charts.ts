// Charts of a trained model (`scalelab model inspect`): the policy over a grid of two features (with the states the
// model saw over the scenario on top), and its decisions over time (load, replicas, P95 latency, the hybrid's
// headroom). Plain data in units in, SVG out (same renderer as the report's charts).
import { renderSvg } from './render-svg.ts';

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#bbb' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', grid: false },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 10 },
} as const;

/** One grid cell, in the axes' units. */
export interface PolicyCell { x0: number; x1: number; y0: number; y1: number; action: string; value: number; headroom?: number }

/** What the policy chart needs. */
export interface PolicyChartInput {
  title: string;
  /** Lines under the title (keep each under ~70 characters: the headless renderer estimates text widths). */
  subtitle: string[];
  x: { title: string; domain: [number, number] };
  y: { title: string; domain: [number, number] };
  cells: PolicyCell[];
  /** Actions in the legend's order with their colours. */
  actions: { label: string; colour: string }[];
  /** States seen over the scenario (dots), in units. */
  visited: { x: number; y: number }[];
  /** Hybrids: a second panel of PPO's headroom over the same grid, coloured over this range. */
  headroomRange?: [number, number];
}

/** An axis title over two lines when long ("what (unit)" → what / (unit)): the headless renderer estimates text at
 *  0.8 × font size per character, and a vertical title estimated taller than the plot pushes the plot down. */
export function axisTitle(title: string, maxChars = 28): string | string[] {
  const cut = title.lastIndexOf(' (');
  return title.length <= maxChars || cut <= 0 ? title : [title.slice(0, cut), title.slice(cut + 1)];
}

const axis = (a: { title: string; domain: [number, number] }) => ({ title: axisTitle(a.title), scale: { domain: a.domain, nice: false, zero: false }, axis: { tickCount: 5 } });

function panel(o: PolicyChartInput, colour: object, title: string): object {
  return {
    width: 300,
    height: 300,
    title: { text: title, fontSize: 12, fontWeight: 'normal' },
    layer: [
      {
        data: { values: o.cells },
        // Each cell overlaps its neighbours by half a pixel: closes the hairline seams anti-aliasing leaves.
        mark: { type: 'rect', x2Offset: 0.5, y2Offset: -0.5 },
        encoding: { x: { field: 'x0', type: 'quantitative', ...axis(o.x) }, x2: { field: 'x1' }, y: { field: 'y0', type: 'quantitative', ...axis(o.y) }, y2: { field: 'y1' }, color: colour },
      },
      {
        data: { values: o.visited },
        mark: { type: 'circle', size: 22, color: '#111', opacity: 0.8, stroke: 'white', strokeWidth: 0.7 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
}

/** Greedy action at each grid point (and for hybrids PPO's headroom beside it), with the visited states as dots. */
export function policyGridSvg(o: PolicyChartInput): Promise<string> {
  const actionColour = { field: 'action', type: 'nominal', title: 'greedy action', scale: { domain: o.actions.map((a) => a.label), range: o.actions.map((a) => a.colour) } };
  const panels = [panel(o, actionColour, 'scaling action (argmax of the network)')];
  if (o.headroomRange) {
    const headroomColour = { field: 'headroom', type: 'quantitative', title: 'headroom', scale: { domain: o.headroomRange, scheme: 'viridis' } };
    const h = o.cells.map((c) => c.headroom ?? 0);
    panels.push(panel(o, headroomColour, `PPO headroom (Gaussian mean): ${Math.min(...h).toFixed(2)}–${Math.max(...h).toFixed(2)} here`));
  }
  if (panels.length === 1) {
    const { title, ...only } = panels[0] as { title: { text: string } };
    return renderSvg({ config: CONFIG, title: { text: o.title, subtitle: [...o.subtitle, `colour: ${title.text}`] }, ...only, padding: 12 } as never);
  }
  const resolve = { scale: { color: 'independent' }, legend: { color: 'independent' } };
  return renderSvg({ config: CONFIG, title: { text: o.title, subtitle: o.subtitle }, hconcat: panels, resolve, padding: 12 } as never);
}

/** The powers of ten enclosing `values` (a log axis labelled at 10, 100, 1,000 … only). */
export function decadesAround(values: number[]): [number, number] {
  const lo = Math.min(...values), hi = Math.max(...values);
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

const powersOf10 = ([lo, hi]: [number, number]) => Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i);

/** What the timeline chart needs: one point per decision. */
export interface TimelineInput {
  title: string;
  /** Lines under the title (keep each under ~70 characters: the headless renderer estimates text widths). */
  subtitle: string[];
  points: { tMinutes: number; rps: number | null; replicas: number; latencyP95Ms: number | null; headroom: number | null }[];
  slaLatencyMs: number;
  headroomRange?: [number, number];
}

/** Load, replicas decided, P95 latency (SLA as a dashed rule) and, for hybrids, PPO's headroom, over the scenario. */
export function timelineSvg(o: TimelineInput): Promise<string> {
  const maxMinutes = Math.max(...o.points.map((p) => p.tMinutes));
  const latencies = o.points.map((p) => p.latencyP95Ms).filter((v): v is number => v !== null && v > 0);
  const decades = decadesAround([...latencies, o.slaLatencyMs]);
  const rows: { field: string; title: string | string[]; colour: string; scale?: object; axis?: object; extra?: object[] }[] = [
    { field: 'rps', title: 'load (req/s)', colour: '#1f77b4', scale: { zero: true } },
    { field: 'replicas', title: 'replicas', colour: '#2ca02c', scale: { zero: true } },
    {
      field: 'latencyP95Ms', title: ['P95 latency', '(ms, log)'], colour: '#d62728', scale: { type: 'log', domain: decades }, axis: { values: powersOf10(decades) },
      extra: [
        { data: { values: [{ sla: o.slaLatencyMs, t: maxMinutes, label: `SLA ${o.slaLatencyMs} ms` }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { field: 'sla', type: 'quantitative' } } },
        { data: { values: [{ sla: o.slaLatencyMs, t: maxMinutes, label: `SLA ${o.slaLatencyMs} ms` }] }, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 10, color: '#555' }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'sla', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
  ];
  if (o.headroomRange) rows.push({ field: 'headroom', title: ['PPO headroom', '(fraction)'], colour: '#9467bd', scale: { domain: o.headroomRange } });
  const panels = rows.map((r, i) => {
    const last = i === rows.length - 1;
    const x = { field: 'tMinutes', type: 'quantitative', scale: { domain: [0, Math.ceil(maxMinutes)], nice: false }, axis: last ? { title: 'minutes' } : { title: null, labels: false } };
    return {
      width: 560,
      height: 80,
      layer: [
        { mark: { type: 'line', interpolate: 'step-after', color: r.colour, strokeWidth: 1.5 }, encoding: { x, y: { field: r.field, type: 'quantitative', title: r.title, scale: r.scale, axis: r.axis ?? { tickCount: 4 } } } },
        ...(r.extra ?? []),
      ],
    };
  });
  return renderSvg({
    config: CONFIG,
    title: { text: o.title, subtitle: o.subtitle },
    data: { values: o.points.map((p) => ({ ...p, latencyP95Ms: p.latencyP95Ms !== null && p.latencyP95Ms > 0 ? p.latencyP95Ms : null })) },
    vconcat: panels,
    spacing: 6,
    padding: 12,
  } as never);
}
