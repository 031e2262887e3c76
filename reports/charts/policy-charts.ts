// Charts of a trained model (`scalelab model inspect`): the policy over a grid of two features, and the hybrid's
// headroom over time. Plain data in, SVG out (same renderer as the report's charts).
import { renderSvg } from './render-svg.ts';

const FONT = { config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } } } as const;

/** Greedy action at each grid point (x, y in [0, 1]); one colour per action, in the action set's order. */
export function policyGridSvg(o: { points: { x: number; y: number; action: string; value: number }[]; x: string; y: string; actions: string[]; title: string }): Promise<string> {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return renderSvg({
    ...FONT,
    title: o.title,
    data: { values: o.points },
    width: 320,
    height: 320,
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: `${o.x} (feature, 0–1)`, axis: { values: ticks, labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal', title: `${o.y} (feature, 0–1)`, sort: 'descending', axis: { values: ticks } },
      color: { field: 'action', type: 'nominal', title: 'greedy action', scale: { domain: o.actions, scheme: 'redyellowblue' } },
      tooltip: [{ field: 'action' }, { field: 'value', title: 'Q / logit', format: '.3f' }],
    },
  });
}

/** The hybrid's headroom level chosen by its PPO policy, over the scenario. */
export function headroomSvg(o: { points: { tMinutes: number; headroom: number }[]; title: string }): Promise<string> {
  return renderSvg({
    ...FONT,
    title: o.title,
    data: { values: o.points },
    width: 480,
    height: 160,
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'tMinutes', type: 'quantitative', title: 'minutes' },
      y: { field: 'headroom', type: 'quantitative', title: 'headroom (fraction above demand)' },
    },
  });
}
