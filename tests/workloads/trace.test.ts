import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseTrace, traceStats, WorkloadSpecError } from '../../workloads/index.ts';

test('a minute,requests CSV gives 60 s intervals and keeps zero minutes', () => {
  const t = parseTrace('minute,requests\n0,120\n1,0\n2,60\n', 'x');
  assert.is(t.resolutionSeconds, 60);
  assert.equal([...t.counts], [120, 0, 60]);
  assert.equal(traceStats(t), { intervals: 3, meanPerInterval: 60, maxPerInterval: 120, zeroIntervals: 1 });
});

test('a second,requests CSV gives 1 s intervals; CRLF, comments and blank lines are tolerated', () => {
  const t = parseTrace('# exported\r\nsecond,requests\r\n10,3\r\n\r\n11,4\r\n', 'x');
  assert.is(t.resolutionSeconds, 1);
  assert.equal([...t.counts], [3, 4]);
});

test('a whitespace-separated file is per-second counts in order, over any number of lines', () => {
  const t = parseTrace('3 0 5 \n7\t2\n', 'w');
  assert.is(t.resolutionSeconds, 1);
  assert.equal([...t.counts], [3, 0, 5, 7, 2]);
});

test('a CSV without a header needs resolutionSeconds', () => {
  assert.throws(() => parseTrace('0,1\n1,2\n'), /line 1: .*expected a header `minute,requests` or `second,requests`/);
  assert.equal([...parseTrace('0,1\n1,2\n', 'x', { resolutionSeconds: 60 }).counts], [1, 2]);
});

test('bad content names the line, the value and what was expected', () => {
  const cases: [string, RegExp][] = [
    ['minute,requests\n0,1\n1,abc\n', /^line 3: got "abc", expected a request count ≥ 0 and ≤ 600000000 \(10000000 req\/s\)$/],
    ['minute,requests\n0,1\n1,-4\n', /^line 3: got "-4", expected a request count ≥ 0 and ≤ 600000000 \(10000000 req\/s\)$/],
    ['minute,requests\n0,1\n2,4\n', /^line 3: got 2, expected index 1 \(rows consecutive/],
    ['minute,requests\n0,1,2\n', /^line 2: got "0,1,2", expected two comma-separated columns/],
    ['hour,requests\n0,1\n', /^line 1: got "hour,requests", expected a header/],
    ['1 2 x 4\n', /^line 1: got "x"/],
    ['minute,requests\n', /expected at least one data row/],
  ];
  for (const [text, re] of cases) {
    try {
      parseTrace(text);
      assert.unreachable(`accepted ${JSON.stringify(text)}`);
    } catch (err) {
      assert.instance(err, WorkloadSpecError);
      assert.match((err as Error).message, re);
    }
  }
});
