// Facts about a trained RL model that are not per-run metrics (λ converged), computed from its training log.
// Pure: the CLI reads models/<name>/train-log.jsonl and passes the parsed rows in.

/** What the report knows about the model an autoscaler ran with, keyed by the autoscaler's record name. */
export interface ModelFacts {
  /** λ converged: mean of `lambda` over the last 10 % of training episodes; null when the log has no λ. */
  lambda: number | null;
  /** Episodes the λ mean is taken over (the last 10 %, at least 1). */
  lambdaEpisodes: number;
  /** Episodes in the training log. */
  episodes: number;
  /** Where the log came from (for the table note), e.g. models/hybrid-constrained/train-log.jsonl. */
  source: string;
}

/** Share of the final training episodes λ is averaged over. */
export const LAMBDA_TAIL_FRACTION = 0.1;

/** λ converged from a training log's rows (in episode order): mean `lambda` of the last 10 % of rows (≥ 1). */
export function modelFactsFromLog(rows: readonly Record<string, unknown>[], source: string): ModelFacts {
  const tail = rows.length === 0 ? 0 : Math.max(1, Math.ceil(rows.length * LAMBDA_TAIL_FRACTION));
  const values = rows.slice(rows.length - tail).map((r) => r.lambda).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lambda = values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  return { lambda, lambdaEpisodes: values.length, episodes: rows.length, source };
}
