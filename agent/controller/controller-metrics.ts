// The agent's own /metrics (prom-client, a private registry): decisions by reason, inference latency,
// interventions (scale patches), holds by reason, λ of the constrained agent, API errors, the recommendation.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Metric handles the loop updates; names are what stacks/manifests/agent-alerts.ts queries. */
export interface ControllerMetrics {
  registry: Registry;
  decisions: Counter<'reason'>;
  holds: Counter<'reason'>;
  interventions: Counter<'direction'>;
  apiErrors: Counter<'operation'>;
  inferenceSeconds: Histogram<string>;
  lambda: Gauge<string>;
  recommendedReplicas: Gauge<string>;
  observedLatencyP95Seconds: Gauge<string>;
  fallbackActive: Gauge<string>;
}

/** Creates the metrics in a fresh registry (one per controller, so tests do not share state). */
export function createControllerMetrics(): ControllerMetrics {
  const registry = new Registry();
  const r = [registry];
  return {
    registry,
    decisions: new Counter({ name: 'scalelab_agent_decisions_total', help: 'Decisions by reason code', labelNames: ['reason'], registers: r }),
    holds: new Counter({ name: 'scalelab_agent_holds_total', help: 'Intervals the agent held instead of deciding, by reason', labelNames: ['reason'], registers: r }),
    interventions: new Counter({ name: 'scalelab_agent_interventions_total', help: 'Scale subresource patches applied', labelNames: ['direction'], registers: r }),
    apiErrors: new Counter({ name: 'scalelab_agent_api_errors_total', help: 'Failed Kubernetes API calls (after retries)', labelNames: ['operation'], registers: r }),
    inferenceSeconds: new Histogram({ name: 'scalelab_agent_inference_seconds', help: 'Time the policy took to decide', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: r }),
    lambda: new Gauge({ name: 'scalelab_agent_lambda', help: 'Lagrange multiplier of the constrained agent (0 when not constrained)', registers: r }),
    recommendedReplicas: new Gauge({ name: 'scalelab_agent_recommended_replicas', help: 'Replicas the policy recommends (also in shadow mode)', registers: r }),
    observedLatencyP95Seconds: new Gauge({ name: 'scalelab_agent_observed_latency_p95_seconds', help: 'P95 latency the agent observed', registers: r }),
    fallbackActive: new Gauge({ name: 'scalelab_agent_fallback_active', help: '1 while the HPA-semantics fallback decides', registers: r }),
  };
}
