import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { placeLabels, textBox } from '../../../reports/charts/label-layout.ts';

const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('twelve labels on a tight cluster of points never overlap each other, the points or the plot edge', () => {
  // A cluster like the agents of the standard experiment: 12 points within 40 × 30 px.
  const pts = Array.from({ length: 12 }, (_, i) => ({ id: `agent-${i}`, x: 200 + (i % 4) * 12, y: 150 + Math.floor(i / 4) * 12, text: `hybrid-constrained-${i}` }));
  const { placed, dropped } = placeLabels(pts, pts.map((p) => ({ x: p.x, y: p.y, r: 5 })), { width: 520, height: 340 });
  assert.is(placed.length + dropped.length, 12);
  for (const [i, a] of placed.entries()) {
    assert.ok(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.w <= 520 && a.box.y + a.box.h <= 340, a.id);
    for (const b of placed.slice(i + 1)) assert.not.ok(overlap(a.box, b.box), `${a.id} overlaps ${b.id}`);
    for (const p of pts) assert.not.ok(overlap(a.box, { x: p.x - 5, y: p.y - 5, w: 10, h: 10 }), `${a.id} covers ${p.id}`);
  }
  assert.is(placed.length, 12, `dropped: ${dropped.join(', ')}`);
  assert.ok(placed.some((p) => p.leader), 'far labels are marked for a leader line');
});

test('a lone point gets its label to the right, vertically centred; a point at the right edge gets it on the left', () => {
  const one = placeLabels([{ id: 'a', x: 100, y: 100, text: 'kpa' }], [], { width: 400, height: 300 });
  const { w, h } = textBox('kpa', 10);
  assert.equal(one.placed[0].box, { x: 106, y: 100 - h / 2, w, h });
  assert.is(one.placed[0].leader, false);
  const edge = placeLabels([{ id: 'b', x: 398, y: 100, text: 'hpa-150' }], [], { width: 400, height: 300 });
  assert.ok(edge.placed[0].box.x + edge.placed[0].box.w <= 398 - 6);
});
