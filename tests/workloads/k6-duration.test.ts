import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { formatK6Duration, parseK6Duration } from '../../workloads/index.ts';

test('k6 duration strings parse as Go durations with an optional day prefix; bare numbers are milliseconds', () => {
  const cases: [string | number, number][] = [
    ['30s', 30],
    ['1m30s', 90],
    ['2h', 7200],
    ['500ms', 0.5],
    ['1.5h', 5400],
    ['1h2m3.5s', 3723.5],
    ['1d', 86_400],
    ['2d12h', 216_000],
    ['0', 0],
    ['1000', 1],
    [1500, 1.5],
    ['250us', 0.00025],
  ];
  for (const [input, seconds] of cases) assert.ok(Math.abs(parseK6Duration(input, 'd') - seconds) < 1e-12, `${input} → ${parseK6Duration(input, 'd')}`);
});

test('malformed durations name the field and the value', () => {
  for (const bad of ['5x', '', '-1s', '1m30', 's', 'ten seconds', null, {}]) {
    assert.throws(() => parseK6Duration(bad, 'stages[0].duration'), /^stages\[0\]\.duration: got .*expected a k6 duration/, String(bad));
  }
});

test('durations beyond the workload limit (366 days) are refused, so nothing formats as "InfinityhNaNmNaNs"', () => {
  assert.is(parseK6Duration('366d', 'duration'), 366 * 86_400);
  for (const bad of ['367d', '1e12', 1e12, '9000000h', `${'9'.repeat(400)}s`]) {
    assert.throws(() => parseK6Duration(bad, 'duration'), /^duration: got .*expected a k6 duration ≥ 0 and ≤ 31622400 s/, String(bad).slice(0, 20));
  }
});

test('80,000 digits without a unit are refused at once (longer than any duration text; the old pattern backtracked quadratically on them: 21 s)', () => {
  // A hang here would stall the suite. The text-length cap refuses these first; the patterns are unambiguous too.
  assert.throws(() => parseK6Duration(`${'1'.repeat(80_000)}x`, 'duration'), /^duration: got "1111/);
  assert.throws(() => parseK6Duration(`1${'1'.repeat(80_000)}.5sx`, 'duration'), /^duration: got "1111/);
});

test('durations format back the way k6 prints them', () => {
  assert.is(formatK6Duration(90), '1m30s');
  assert.is(formatK6Duration(7200), '2h0m0s');
  assert.is(formatK6Duration(0.5), '500ms');
  assert.is(formatK6Duration(0), '0s');
});

test('a duration past Go\'s time.Duration (k6\'s type) is refused naming the field, never Infinity', () => {
  for (const bad of ['1e400', '3000000000000s', '300000d', 1e400, 9.3e12, '2562047h']) {
    assert.throws(() => parseK6Duration(bad, 'duration'), /^duration: got .*expected a k6 duration ≥ 0 and ≤ 31622400 s/, String(bad));
  }
  assert.throws(() => formatK6Duration(Number.POSITIVE_INFINITY), /finite/);
  assert.is(formatK6Duration(59.9999), '1m0s');
  assert.is(formatK6Duration(1e9), '277777h46m40s');
});

test('parsing is linear: 80,000 digits without a unit are refused at once (the old patterns backtracked quadratically)', () => {
  for (const bad of ['1'.repeat(80_000) + 'x', '1'.repeat(80_000) + 's!', `${'1'.repeat(80_000)}`]) {
    const t0 = performance.now();
    assert.throws(() => parseK6Duration(bad, 'duration'), /duration: got/);
    assert.ok(performance.now() - t0 < 1000, `${performance.now() - t0} ms`);
  }
});

