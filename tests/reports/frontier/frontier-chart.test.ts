import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { frontierChart } from '../../../reports/frontier/frontier-chart.ts';
import type { FrontierAnalysis } from '../../../reports/frontier/tuned-frontier.ts';

const setting = (label: string, family: string, violation: number, cost: number, onFrontier: boolean) => ({ label, family, violation, cost, onFrontier });

test('agents and frontier settings are labelled on the chart; a setting off the frontier is only in the legend', async () => {
  const a: FrontierAnalysis = {
    families: ['hpa'],
    settings: [setting('hpa-50', 'hpa', 1, 10, true), setting('hpa-100', 'hpa', 3, 6, true), setting('hpa-120', 'hpa', 3.5, 8, false), setting('hpa-150', 'hpa', 5, 5, true)],
    agents: [{ label: 'hybrid', violation: 4, cost: 4.4, perFamily: [], best: null }],
    heldOut: true,
    evaluationSeeds: [3, 4, 5],
    problems: [],
  };
  const chart = (await frontierChart(a))!;
  const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const label of ['hybrid', 'hpa-50', 'hpa-100', 'hpa-150']) assert.ok(texts.includes(label), `${label} labelled`);
  assert.not.ok(texts.includes('hpa-120'), 'off-frontier settings are not labelled');
  assert.ok(texts.includes('frontier setting') && texts.includes('other setting'), 'legend names the point kinds');
  assert.match(chart.caption, /evaluated on held-out seeds 3, 4, 5/);
});
