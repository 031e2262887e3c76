import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { efficientFrontier, frontierCostAt } from '../../../reports/frontier/hull.ts';

const p = (label: string, violation: number, cost: number) => ({ label, violation, cost });

test('the frontier keeps the lower convex hull up to the cheapest setting (hand-drawn case)', () => {
  // (1,10) (2,6) (3,5.5) (4,3) (5,3.5) (2,9): (3,5.5) lies above the chord (2,6)–(4,3) at x=3 (4.5) → dropped;
  // (5,3.5) is dearer than (4,3) → past the cheapest vertex; (2,9) is beaten by (2,6) at the same rate.
  const f = efficientFrontier([p('a', 1, 10), p('b', 2, 6), p('c', 3, 5.5), p('d', 4, 3), p('e', 5, 3.5), p('f', 2, 9)]);
  assert.equal(f.map((x) => x.label), ['a', 'b', 'd']);
});

test('frontier cost: linear between vertices, flat past the cheapest, undefined below the lowest rate', () => {
  const f = [p('a', 1, 10), p('b', 2, 6), p('d', 4, 3)];
  assert.is(frontierCostAt(f, 3), 4.5); // halfway between (2,6) and (4,3)
  assert.is(frontierCostAt(f, 1.5), 8);
  assert.is(frontierCostAt(f, 9), 3);
  assert.is(frontierCostAt(f, 0.5), null);
  assert.is(frontierCostAt([], 1), null);
});

test('a non-finite point is refused with its label named', () => {
  assert.throws(() => efficientFrontier([p('hpa-90', NaN, 1)]), /"hpa-90" has violation NaN/);
});
