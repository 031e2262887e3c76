// The federated comparison's chart: per plant, each method's mean SLA-violating requests against mean cost, with
// 95 % bootstrap CIs as error bars (from federated.json's cells).
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../reports/charts/render-svg.ts';
import type { ConfidenceInterval } from '../reports/stats/bootstrap.ts';

type Cell = { method: string; plant: string; slaViolationRateRequests: ConfidenceInterval; costUsd: ConfidenceInterval };

/** Use after the comparison: an SVG with one panel per plant (training plants, then the held-out one). */
export async function federatedChartSvg(cells: readonly Cell[], plants: readonly string[]): Promise<string> {
  const values = cells.map((c) => ({
    method: c.method, plant: c.plant,
    sla: 100 * c.slaViolationRateRequests.estimate, slaLow: 100 * c.slaViolationRateRequests.low, slaHigh: 100 * c.slaViolationRateRequests.high,
    cost: c.costUsd.estimate, costLow: c.costUsd.low, costHigh: c.costUsd.high,
  }));
  const x = { field: 'sla', type: 'quantitative', title: 'SLA-violating requests, %' } as const;
  const y = { field: 'cost', type: 'quantitative', title: 'cost per 30-min episode, USD', scale: { zero: false } } as const;
  const color = { field: 'method', type: 'nominal', title: 'method' } as const;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    facet: { column: { field: 'plant', type: 'nominal', sort: [...plants], title: 'evaluated on plant' } },
    spec: {
      width: 190, height: 190,
      layer: [
        { mark: { type: 'rule', opacity: 0.6 }, encoding: { x: { ...x, field: 'slaLow' }, x2: { field: 'slaHigh' }, y, color } },
        { mark: { type: 'rule', opacity: 0.6 }, encoding: { x, y: { ...y, field: 'costLow' }, y2: { field: 'costHigh' }, color } },
        { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color } },
      ],
    },
  };
  return renderSvg(spec);
}
