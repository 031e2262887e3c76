// k6 threshold expressions on the end-of-test summary (k6 docs: "Thresholds"): `<agg> <op> <value>` such as
// `p(95)<200`, `rate<0.01`, `avg<=150`, `count>10`. Only the aggregations the summary carries are evaluated.
const OPS: Record<string, (a: number, b: number) => boolean> = { '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b, '==': (a, b) => a === b, '===': (a, b) => a === b, '!=': (a, b) => a !== b };

/** Evaluates each metric's expressions; metric keys may carry a tag filter (`http_req_duration{expected_response:true}`), judged on the whole metric here. */
export function evaluateThresholds(thresholds: Record<string, unknown>, data: { metrics: Record<string, { values: Record<string, number> }> }): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const [metricKey, list] of Object.entries(thresholds)) {
    const metric = data.metrics[metricKey.replace(/\{.*\}$/, '')];
    const exprs = (Array.isArray(list) ? list : [list]).map((e) => (typeof e === 'string' ? e : (e as { threshold: string }).threshold));
    out[metricKey] = {};
    for (const expr of exprs) {
      const m = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expr);
      if (!m || !metric) { out[metricKey][expr] = true; continue; }
      const value = metric.values[m[1]];
      out[metricKey][expr] = value === undefined ? true : OPS[m[2]](value, Number(m[3]));
    }
  }
  return out;
}
