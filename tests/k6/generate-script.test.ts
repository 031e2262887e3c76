import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { generateK6Script, k6Options } from '../../k6/generate-script.ts';
import type { ClosedWorkload, OpenWorkload } from '../../workloads/workload.ts';

const spike: OpenWorkload = { kind: 'open', name: 'spike', durationSeconds: 600, rateAt: (t) => (t >= 240 && t < 300 ? 400 : 100) };
const vus: ClosedWorkload = { kind: 'closed', name: 'ramp', durationSeconds: 120, thinkTimeSeconds: 1, vusAt: (t) => (t < 60 ? t / 6 : 10) };

test('an open workload becomes ramping-arrival-rate with per-minute integer targets (100 req/s = 6000/min)', () => {
  const o = k6Options(spike) as { scenarios: { load: Record<string, unknown> } };
  const s = o.scenarios.load;
  assert.is(s.executor, 'ramping-arrival-rate');
  assert.is(s.timeUnit, '1m');
  assert.is(s.startRate, 6000);
  assert.equal(s.stages, [
    { duration: '239s', target: 6000 },
    { duration: '1s', target: 24000 },
    { duration: '59s', target: 24000 },
    { duration: '1s', target: 6000 },
    { duration: '300s', target: 6000 },
  ]);
  // Peak 400 req/s × 0.5 VU per req/s = 200 pre-allocated, 4× that as the cap.
  assert.is(s.preAllocatedVUs, 200);
  assert.is(s.maxVUs, 800);
});

test('fractional rates keep 1/60 req/s resolution: 0.5 req/s is 30 per minute', () => {
  const slow: OpenWorkload = { kind: 'open', name: 'slow', durationSeconds: 60, rateAt: () => 0.5 };
  const s = (k6Options(slow) as { scenarios: { load: { startRate: number; stages: unknown[] } } }).scenarios.load;
  assert.is(s.startRate, 30);
  assert.equal(s.stages, [{ duration: '60s', target: 30 }]);
});

test('a closed workload becomes ramping-vus: 0 → 10 VUs over 60 s, then 60 s at 10', () => {
  const s = (k6Options(vus) as { scenarios: { load: Record<string, unknown> } }).scenarios.load;
  assert.is(s.executor, 'ramping-vus');
  assert.is(s.startVUs, 0);
  assert.equal(s.stages, [
    { duration: '60s', target: 10 },
    { duration: '60s', target: 10 },
  ]);
});

test('thresholds carry the SLA (p(95)<250 for a 250 ms SLA) and the summary keeps p(99)', () => {
  const o = k6Options(spike, { slaLatencyMs: 250, maxErrorRate: 0.02 }) as Record<string, unknown>;
  // The latency threshold is scoped to successful responses (a fast 503 must not pull the P95 down).
  assert.equal(o.thresholds, { 'http_req_duration{expected_response:true}': ['p(95)<250'], http_req_failed: ['rate<0.02'] });
  assert.ok((o.summaryTrendStats as string[]).includes('p(99)'));
});

test('the script is a k6 module: options as JSON, think time only for closed load, handleSummary writes JSON', () => {
  const open = generateK6Script(spike);
  assert.match(open, "import http from 'k6/http';");
  assert.match(open, 'const THINK_SECONDS = 0;');
  assert.match(open, 'export function handleSummary(data)');
  assert.match(open, "__ENV.SUMMARY_PATH || 'summary.json'");
  const json = /export const options = ([\s\S]*?);\n\nconst TARGET_URL/.exec(open)?.[1];
  assert.equal(JSON.parse(json ?? 'null'), k6Options(spike));
  assert.match(generateK6Script(vus), 'const THINK_SECONDS = 1;');
});

test('handleSummary also prints a console summary (no network import): counts, rates with ✓ passes ✗ fails, trends, thresholds', async () => {
  const { readFileSync } = await import('node:fs');
  const { K6_TEXT_SUMMARY_JS } = await import('../../k6/script-template.ts');
  const script = generateK6Script(spike);
  assert.match(script, /const out = \{ stdout: scalelabTextSummary\(data\) \};/);
  assert.not.match(script, /from ['"]https?:/);
  assert.equal([...script.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]), ['k6/http', 'k6']);
  const data = JSON.parse(readFileSync(new URL('../fixtures/k6-results/summary-handle.json', import.meta.url), 'utf8'));
  const text = new Function(`${K6_TEXT_SUMMARY_JS}; return scalelabTextSummary;`)()(data) as string;
  // summary-handle.json: 1000 requests at 0.5554284/s, 23 failed; p(95) 231.7 ms breaks p(95)<200.
  assert.match(text, /\n {5}http_reqs\.+: 1000 0\.555428\/s\n/);
  assert.match(text, /http_req_failed\.+: 2\.30% ✓ 23 ✗ 977\n {7}✗ rate<0\.01/);
  assert.match(text, /http_req_duration\.+: avg=87\.25ms min=3\.10ms med=61\.50ms max=912\.40ms p\(90\)=180\.20ms p\(95\)=231\.70ms p\(99\)=640\.05ms\n {7}✗ p\(95\)<200/);
});

