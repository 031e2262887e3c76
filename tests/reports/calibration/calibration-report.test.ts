// The calibration section's Markdown: estimate, CI, recorded value and relative error per parameter; the
// parameters that could not be identified, with why; where each plant field came from.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { calibrationCpuChart, renderCalibrationMarkdown, type CalibrationReportInput } from '../../../reports/calibration/calibration-report.ts';

const input: CalibrationReportInput = {
  source: 'records.jsonl', command: 'scalelab calibrate records.jsonl --report', recordsRead: 3, recordsWithSeries: 3,
  fit: {
    cpuPerRequestCoreSeconds: { identifiable: true, estimate: 0.0081, unit: 'core-seconds', ci: [0.0079, 0.0083], recordsUsed: 3, minutesUsed: 120, method: 'least squares' },
    startupMedianSeconds: { identifiable: false, why: 'no scaling event: desired replicas never rise in these records' },
  },
  sources: { cpuPerRequestCoreSeconds: 'fitted', maxReplicas: 'records', startupMedianSeconds: 'default' },
  recorded: { cpuPerRequestCoreSeconds: 0.008, startupMedianSeconds: 45 },
  cpuMinutes: [{ rps: 10, cores: 0.08 }, { rps: 20, cores: 0.17 }],
  notes: [],
};

test('each identified parameter has its estimate, CI, recorded value and error (0.0081 vs 0.008 = +1.25 %)', () => {
  const md = renderCalibrationMarkdown(input, 'chart.svg');
  assert.match(md, /\| `cpuPerRequestCoreSeconds` \| 0\.008100 core-seconds \| \[0\.007900, 0\.008300\] \| 0\.008000 \| \+1\.25 % \| 3 \| 120 \|/);
  assert.match(md, /\| `startupMedianSeconds` \| not identifiable \|/);
  assert.match(md, /- `startupMedianSeconds`: not identifiable — no scaling event/);
  assert.match(md, /- fitted: `cpuPerRequestCoreSeconds`\n- from the records' settings: `maxReplicas`\n- defaults \(not identified, or not fitted\): `startupMedianSeconds`/);
  assert.match(md, /!\[CPU of the Ready pods against request rate\]\(chart\.svg\)/);
});

test('the chart is an SVG with the observed minutes and the fitted line; none without a CPU fit', async () => {
  const svg = await calibrationCpuChart(input);
  assert.match(svg ?? '', /^<svg[\s\S]*fitted: 0\.008100 core-s per request/);
  assert.is(await calibrationCpuChart({ ...input, fit: { cpuPerRequestCoreSeconds: { identifiable: false, why: 'x' } } }), null);
});
