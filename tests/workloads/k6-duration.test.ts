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

test('durations format back the way k6 prints them', () => {
  assert.is(formatK6Duration(90), '1m30s');
  assert.is(formatK6Duration(7200), '2h0m0s');
  assert.is(formatK6Duration(0.5), '500ms');
  assert.is(formatK6Duration(0), '0s');
});
