// Kubernetes label selectors in their string form (what the HPA sends the metrics API as `labelSelector`):
// `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, comma-separated (all must hold).

type Requirement = (labels: Record<string, string>) => boolean;

/** Parses a selector; throws naming the part it cannot read. */
export function parseLabelSelector(text: string): Requirement {
  const parts: string[] = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  const reqs: Requirement[] = parts.map((raw) => {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const [, key, op, list] = m;
      const values = new Set(list.split(',').map((v) => v.trim()).filter(Boolean));
      return op === 'in' ? (l) => key in l && values.has(l[key]) : (l) => !(key in l) || !values.has(l[key]);
    }
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(p))) {
      const [, key, op, value] = m;
      return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    if ((m = /^(!?)([\w./-]+)$/.exec(p))) {
      const [, not, key] = m;
      return not ? (l) => !(key in l) : (l) => key in l;
    }
    throw new Error(`label selector ${JSON.stringify(text)}: cannot read ${JSON.stringify(p)}`);
  });
  return (labels) => reqs.every((r) => r(labels));
}
