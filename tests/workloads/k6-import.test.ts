import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { importK6Script, WorkloadSpecError } from '../../workloads/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/k6/${name}`, import.meta.url), 'utf8');

test('reads the stages of a classic ramping-vus script, resolving a top-level const, and its sleep', () => {
  const r = importK6Script(fixture('ramping-vus-stages.js'));
  assert.equal(r.options.stages, [
    { duration: '30s', target: 10 },
    { duration: '1m', target: 50 },
    { duration: '2m', target: 50 },
    { duration: '30s', target: 0 },
  ]);
  assert.equal(r.options.thresholds, { http_req_duration: ['p(95)<200'], http_req_failed: ['rate<0.01'] });
  assert.is(r.thinkTimeSeconds, 0.5);
  assert.is(r.thinkTimeSource, 'sleep');
});

test('reads arrival-rate scenarios', () => {
  const r = importK6Script(fixture('arrival-rate-scenarios.js'));
  const scenarios = r.options.scenarios as Record<string, Record<string, unknown>>;
  assert.equal(Object.keys(scenarios), ['background', 'spike']);
  assert.is(scenarios.background.rate, 20);
  assert.is(scenarios.spike.startTime, '1m');
  assert.is((scenarios.spike.stages as unknown[]).length, 3);
  assert.is(r.thinkTimeSource, 'default', 'no sleep in the default function');
  assert.match(r.thinkTimeNote ?? '', /no top-level sleep/);
});

test('reads `const options` exported by name, shorthand properties, and sums the default function sleeps', () => {
  const r = importK6Script(fixture('scenarios-vus-export-list.js'));
  const scenarios = r.options.scenarios as Record<string, Record<string, unknown>>;
  assert.is(scenarios.browse.executor, 'ramping-vus');
  assert.is(scenarios.checkout.vus, 5);
  assert.is(r.thinkTimeSeconds, 3);
});

test('a function call in options is an error naming the option path, the line and the call', () => {
  try {
    importK6Script(fixture('function-call-options.js'));
    assert.unreachable('a function call was accepted');
  } catch (err) {
    assert.instance(err, WorkloadSpecError);
    assert.match((err as Error).message, /^options\.stages \(line 13\): got "buildStages\(100\)".*function call \(`buildStages\(…\)`\)/);
  }
});

test('understands export let, template strings, unary minus, arithmetic and __ENV defaults', () => {
  const r = importK6Script(`
    const MINUTES = 2;
    export let options = {
      vus: 3 * 2,
      duration: __ENV.DURATION || \`\${MINUTES}m\`,
      tags: { offset: -5, 'quoted-key': \`plain\` },
    };
    export default function () { sleep(+1.5); }
  `);
  assert.equal(r.options, { vus: 6, duration: '2m', tags: { offset: -5, 'quoted-key': 'plain' } });
  assert.is(r.thinkTimeSeconds, 1.5);
});

test('never runs the script: top-level code with side effects is only parsed', () => {
  const g = globalThis as Record<string, unknown>;
  delete g.__k6ImportRan;
  const r = importK6Script(`
    globalThis.__k6ImportRan = true;
    throw new Error('the script ran');
    export const options = { vus: 1, duration: '10s' };
  `);
  assert.is(g.__k6ImportRan, undefined);
  assert.equal(r.options, { vus: 1, duration: '10s' });
});

test('a dynamic sleep falls back to the default think time with a note; export default by name works', () => {
  const r = importK6Script(`
    export const options = { vus: 1, duration: '1m' };
    function main() { http.get('x'); sleep(Math.random() * 2); }
    export default main;
  `);
  assert.is(r.thinkTimeSeconds, 1);
  assert.is(r.thinkTimeSource, 'default');
  assert.match(r.thinkTimeNote ?? '', /sleep at line 3 has no fixed number of seconds \(`sleep\(Math\.random\(\) \* 2\)`\)/);
});

test('unreadable scripts are errors that say what and where', () => {
  const cases: [string, RegExp][] = [
    ['export default function () {}', /^options: got nothing \(missing\), expected an exported options object/],
    ['let peak = 5;\nexport const options = { vus: peak, duration: "1m" };', /^options\.vus \(line 2\): got "peak".*declared with let\/var/],
    ['export const options = { vus: VUS, duration: "1m" };', /^options\.vus \(line 1\): got "VUS".*not a top-level const/],
    ['export const options = { get vus() { return 1; } };', /^options \(line 1\).*a getter/],
    ['export const options = 5;', /^options \(line 1\): got "5", expected an object literal/],
    ['export const options = { stages: [ { duration: "1m", target: 1 }, ] ;', /^script \(line 1\).*expected valid JavaScript/],
    ['export const options = { duration: config.duration };', /^options\.duration \(line 1\).*a property access/],
    ['const a = b; const b = a; export const options = { vus: a };', /circular reference/],
    ['export let options = { vus: 1, duration: "1m" };\noptions.duration = "5m";', /^options \(line 2\): got "options\.duration = \\"5m\\"".*a later assignment/],
  ];
  for (const [src, re] of cases) {
    try {
      importK6Script(src);
      assert.unreachable(`accepted: ${src}`);
    } catch (err) {
      assert.instance(err, WorkloadSpecError, src);
      assert.match((err as Error).message, re, src);
    }
  }
});
