// The pure parts of FedAvg (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks from
// Decentralized Data", Algorithm 1): which clients take part in a round, and the server's sample-weighted mean of
// the weights they send back. No TensorFlow here: weights are the plain Float32Arrays of a network's tensors, in
// the network's order, so the averaging can be checked by hand and could run in any process that receives them.
import type { Rng } from '../../../lib/rng.ts';

/** One client's contribution to a round: its weights after local training and the samples (env steps) it used. */
export interface ClientUpdate {
  /** One array per weight tensor, in the network's order (every client the same shapes). */
  weights: readonly Float32Array[];
  /** Env steps (transitions) the client trained on this round, n_k in the paper; > 0. */
  samples: number;
}

/** The number of clients of a round: m = max(1, ⌈C·K⌉) in the paper's notation (C = participation, K = clients). */
export function participantCount(clients: number, participation: number): number {
  if (!Number.isInteger(clients) || clients < 1) throw new RangeError(`clients = ${clients}: expected a whole number ≥ 1`);
  if (!(participation > 0 && participation <= 1)) throw new RangeError(`participation = ${participation}: expected a number in (0, 1]`);
  // 1e-9 absorbs float noise such as 0.7 · 10 = 7.000000000000001, which would otherwise round up to 8.
  return Math.max(1, Math.min(clients, Math.ceil(participation * clients - 1e-9)));
}

/**
 * Use at the start of each round: the participating clients' indices (ascending), a uniform random subset of
 * `participantCount(clients, participation)` drawn without replacement from `rng` (a partial Fisher–Yates shuffle).
 * All clients, in order, when participation is 1 (no draw is made then).
 */
export function sampleClients(clients: number, participation: number, rng: Rng): number[] {
  const m = participantCount(clients, participation);
  const order = Array.from({ length: clients }, (_, i) => i);
  if (m === clients) return order;
  for (let i = 0; i < m; i++) {
    const j = rng.int(i, clients - 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, m).sort((a, b) => a - b);
}

/**
 * Use on the server after a round: w = Σ_k (n_k / n) · w_k with n = Σ_k n_k, tensor by tensor and element by
 * element, accumulated in float64 in the clients' order (so the same updates always give the same bytes).
 */
export function fedAvg(updates: readonly ClientUpdate[]): Float32Array[] {
  if (updates.length === 0) throw new RangeError('fedAvg needs at least one client update');
  const shapes = updates[0].weights.map((w) => w.length);
  updates.forEach((u, k) => {
    if (!(Number.isFinite(u.samples) && u.samples > 0)) throw new RangeError(`client update ${k}: samples = ${u.samples}, expected a number > 0`);
    if (u.weights.length !== shapes.length || u.weights.some((w, t) => w.length !== shapes[t])) {
      throw new RangeError(`client update ${k}: weight tensors of sizes [${u.weights.map((w) => w.length).join(', ')}], expected [${shapes.join(', ')}] like update 0`);
    }
  });
  const total = updates.reduce((a, u) => a + u.samples, 0);
  return shapes.map((size, t) => {
    const sum = new Float64Array(size);
    for (const u of updates) {
      const share = u.samples / total;
      const w = u.weights[t];
      for (let i = 0; i < size; i++) sum[i] += share * w[i];
    }
    return Float32Array.from(sum);
  });
}
