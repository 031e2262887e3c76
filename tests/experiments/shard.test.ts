import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseShard, selectShard } from '../../experiments/cells.ts';

const cells = [...Array(10).keys()].map((index) => ({ index }));

test('selectShard: shard i of n holds the cells whose index ≡ i (mod n); the shards partition the cells', () => {
  assert.equal(selectShard(cells, { index: 1, count: 3 }).map((c) => c.index), [1, 4, 7]);
  assert.equal(selectShard(cells, { index: 0, count: 1 }).map((c) => c.index), [...cells.keys()]);
  assert.equal(selectShard(cells, { index: 12, count: 13 }), [], 'more shards than cells: some are empty');
  for (const n of [1, 2, 3, 7, 11]) {
    const all = [...Array(n).keys()].flatMap((i) => selectShard(cells, { index: i, count: n }).map((c) => c.index)).sort((a, b) => a - b);
    assert.equal(all, [...cells.keys()], `n = ${n}`);
  }
});

const cases: { name: string; value: string; env?: string; expected?: { index: number; count: number }; error?: RegExp }[] = [
  { name: 'an explicit 0-based index', value: '2/5', expected: { index: 2, count: 5 } },
  { name: 'auto reads JOB_COMPLETION_INDEX', value: 'auto/4', env: '3', expected: { index: 3, count: 4 } },
  { name: 'the last index', value: '0/1', expected: { index: 0, count: 1 } },
  { name: 'an index equal to N (1-based thinking)', value: '4/4', error: /^--shard: got index 4 of 4 shards, expected 0 ≤ I < 4 \(shards are 0-based/ },
  { name: 'zero shards', value: '0/0', error: /^--shard: got "0\/0", expected N ≥ 1 shards$/ },
  { name: 'a negative index', value: '-1/4', error: /^--shard: got "-1\/4", expected I\/N/ },
  { name: 'not a fraction', value: 'two', error: /^--shard: got "two", expected I\/N/ },
  { name: 'auto without the variable', value: 'auto/3', error: /^--shard auto\/3: JOB_COMPLETION_INDEX is not set .* e\.g\. --shard 0\/3$/ },
  { name: 'auto with a garbage variable', value: 'auto/3', env: 'x', error: /JOB_COMPLETION_INDEX is "x", expected an integer 0 ≤ I < 3/ },
  { name: 'auto with an index past N', value: 'auto/3', env: '3', error: /got index 3 \(from JOB_COMPLETION_INDEX\) of 3 shards/ },
];
for (const c of cases) {
  test(`parseShard: ${c.name}`, () => {
    if (c.expected) {
      assert.equal(parseShard(c.value, c.env), c.expected);
      return;
    }
    assert.throws(() => parseShard(c.value, c.env), (err: Error) => c.error!.test(err.message));
  });
}

