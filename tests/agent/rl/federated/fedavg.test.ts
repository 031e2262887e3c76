import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fedAvg, participantCount, sampleClients } from '../../../../agent/rl/federated/fedavg.ts';
import { createRng, type Rng } from '../../../../lib/rng.ts';

const f32 = (...xs: number[]) => Float32Array.from(xs);
const plain = (ws: Float32Array[]) => ws.map((w) => Array.from(w));

test('fedAvg weights each client by its samples: 100 and 300 steps give shares 1/4 and 3/4, tensor by tensor', () => {
  // By hand: 0.25·1 + 0.75·3 = 2.5, 0.25·2 + 0.75·6 = 5, 0.25·3 + 0.75·5 = 4.5.
  const w = fedAvg([{ weights: [f32(1, 2), f32(3)], samples: 100 }, { weights: [f32(3, 6), f32(5)], samples: 300 }]);
  assert.equal(plain(w), [[2.5, 5], [4.5]]);
});

test('fedAvg with equal samples is the plain mean, and with one client returns that client\'s weights', () => {
  // (−1 + 0 + 4) / 3 = 1, (2 + 2 + 8) / 3 = 4.
  assert.equal(plain(fedAvg([1, 2, 3].map((k) => ({ weights: [f32([-1, 0, 4][k - 1], [2, 2, 8][k - 1])], samples: 600 })))), [[1, 4]]);
  const only = [f32(0.1, -0.7), f32(3.25)];
  assert.equal(plain(fedAvg([{ weights: only, samples: 7 }])), plain(only));
});

test('fedAvg accumulates in float64: a weight equal on every client comes back exactly, whatever the shares', () => {
  // 0.1 is not exact in float32; summing 1/3 + 1/6 + 1/2 shares of it in float32 would drift, in float64 it rounds back.
  const w = Math.fround(0.1);
  const out = fedAvg([{ weights: [f32(w)], samples: 2 }, { weights: [f32(w)], samples: 1 }, { weights: [f32(w)], samples: 3 }]);
  assert.is(out[0][0], w);
});

const refusals: [string, () => unknown, RegExp][] = [
  ['no update at all', () => fedAvg([]), /at least one client update/],
  ['zero samples', () => fedAvg([{ weights: [f32(1)], samples: 0 }]), /client update 0: samples = 0, expected a number > 0/],
  ['a tensor of another size', () => fedAvg([{ weights: [f32(1, 2)], samples: 1 }, { weights: [f32(1)], samples: 1 }]), /client update 1: weight tensors of sizes \[1\], expected \[2\]/],
  ['a missing tensor', () => fedAvg([{ weights: [f32(1), f32(2)], samples: 1 }, { weights: [f32(1)], samples: 1 }]), /client update 1/],
];
for (const [name, call, message] of refusals) {
  test(`fedAvg refuses ${name} with a message saying which update`, () => {
    assert.throws(call, (e: Error) => message.test(e.message));
  });
}

// [clients, participation, expected m = max(1, ⌈C·K⌉)]
const counts: [number, number, number][] = [
  [3, 1, 3],
  [3, 2 / 3, 2],
  [3, 0.67, 3], // ⌈2.01⌉
  [3, 0.34, 2], // ⌈1.02⌉
  [10, 0.1, 1],
  [10, 0.05, 1], // at least one client
  [10, 0.7, 7], // 0.7·10 = 7.000000000000001 in floats, still 7
  [1, 0.5, 1],
];
for (const [clients, p, m] of counts) {
  test(`participantCount: ${clients} clients at participation ${p} → ${m} per round`, () => {
    assert.is(participantCount(clients, p), m);
  });
}

test('participantCount refuses a participation outside (0, 1] and a client count below 1', () => {
  assert.throws(() => participantCount(3, 0), /participation = 0: expected a number in \(0, 1\]/);
  assert.throws(() => participantCount(3, 1.5), /participation = 1.5/);
  assert.throws(() => participantCount(0, 1), /clients = 0/);
});

/** An Rng whose int() returns scripted values (the draws of a partial Fisher–Yates shuffle). */
function scripted(ints: number[]): Rng & { used: number } {
  const rng = createRng(0) as Rng & { used: number };
  rng.used = 0;
  return Object.assign(rng, { int: (lo: number, hi: number) => {
    const v = ints[rng.used++];
    assert.ok(v >= lo && v <= hi, `scripted ${v} outside [${lo}, ${hi}]`);
    return v;
  } });
}

test('sampleClients is a partial Fisher–Yates shuffle: draws 2 then 3 from 4 clients pick clients 2 and 3', () => {
  // [0,1,2,3] swap(0,2) → [2,1,0,3]; swap(1,3) → [2,3,0,1]; first two, ascending → [2, 3].
  const rng = scripted([2, 3]);
  assert.equal(sampleClients(4, 0.5, rng), [2, 3]);
  assert.is(rng.used, 2);
});

test('sampleClients with participation 1 returns every client in order without drawing', () => {
  const rng = scripted([]);
  assert.equal(sampleClients(5, 1, rng), [0, 1, 2, 3, 4]);
  assert.is(rng.used, 0);
});

test('sampleClients draws distinct clients, the same for the same seed, each about m/K of the rounds', () => {
  const draw = (seed: number) => {
    const rng = createRng(seed);
    return Array.from({ length: 3000 }, () => sampleClients(10, 0.3, rng));
  };
  const rounds = draw(5);
  assert.equal(rounds, draw(5));
  assert.not.equal(rounds.slice(0, 5), draw(6).slice(0, 5));
  const picked = new Array(10).fill(0);
  for (const r of rounds) {
    assert.is(new Set(r).size, 3);
    assert.equal(r, [...r].sort((a, b) => a - b));
    r.forEach((c) => picked[c]++);
  }
  // Each client is in a round with probability 3/10: 900 of 3000, binomial sd √(3000·0.3·0.7) ≈ 25; allow 5 sd.
  for (const n of picked) assert.ok(Math.abs(n - 900) < 125, `picked ${n} times`);
});
