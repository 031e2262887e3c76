// The efficient frontier of a baseline family in the cost × SLA-violation plane (DESIGN.md §5a): the lower convex
// hull of its settings' (violation rate, mean cost) points, kept only where more violations buy a lower cost.
// Between two frontier settings the cost is interpolated linearly: mixing the two settings in time achieves it.

/** One setting of a family (or an agent) as a point: violation rate (any unit) and mean cost. */
export interface PlanePoint {
  label: string;
  violation: number;
  cost: number;
}

/** Frontier vertices sorted by violation rate (ascending) with strictly falling cost. */
export function efficientFrontier<T extends PlanePoint>(points: readonly T[]): T[] {
  for (const p of points) {
    if (!Number.isFinite(p.violation) || !Number.isFinite(p.cost)) throw new RangeError(`efficientFrontier: point "${p.label}" has violation ${p.violation} and cost ${p.cost}, expected finite numbers`);
  }
  // At equal violation only the cheapest point can be on the lower hull.
  const byX = new Map<number, T>();
  for (const p of points) {
    const q = byX.get(p.violation);
    if (!q || p.cost < q.cost) byX.set(p.violation, p);
  }
  const sorted = [...byX.values()].sort((a, b) => a.violation - b.violation);
  const hull: T[] = [];
  const cross = (o: T, a: T, b: T): number => (a.violation - o.violation) * (b.cost - o.cost) - (a.cost - o.cost) * (b.violation - o.violation);
  for (const p of sorted) {
    while (hull.length >= 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0) hull.pop();
    hull.push(p);
  }
  // The convex lower hull falls, then rises: past its cheapest vertex more violations buy nothing.
  let cheapest = 0;
  for (let i = 1; i < hull.length; i++) if (hull[i].cost < hull[cheapest].cost) cheapest = i;
  return hull.slice(0, cheapest + 1);
}

/**
 * The family's cost at `violation` on its frontier: linear between vertices, the cheapest vertex's cost beyond the
 * last one; null below the first vertex (no setting of the family reaches so few violations).
 */
export function frontierCostAt(frontier: readonly PlanePoint[], violation: number): number | null {
  if (frontier.length === 0 || violation < frontier[0].violation) return null;
  for (let i = 1; i < frontier.length; i++) {
    const a = frontier[i - 1];
    const b = frontier[i];
    if (violation <= b.violation) return a.cost + ((violation - a.violation) / (b.violation - a.violation)) * (b.cost - a.cost);
  }
  return frontier[frontier.length - 1].cost;
}
