// Alerts on the agent's behaviour: latency over the SLA while the agent runs (from the service's own response-time
// histogram, which the nginx access-log exporter exports whatever the agent does; the agent's gauge of what it
// observed is only set while it can read that histogram, so an alert on the gauge stayed silent exactly when
// latency data was missing), scaling too often (flapping), and the agent holding for lack of data.
import { APP_RANGE_WINDOW } from './scrape-intervals.ts';
import { METRICS } from '../../lib/metric-names.ts';
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

/** The access-log exporter's response-time histogram, seconds (lib/metric-names.ts). */
export const RESPONSE_TIME_HISTOGRAM = METRICS.responseTimeHistogram;

/** Thresholds of the agent's alerts. */
export interface AgentAlertThresholds {
  /** P95 decision→patch inference latency above which AgentSlowInference fires, seconds. */
  inferenceP95Seconds: number;
  /** Scale changes per 10 minutes above which AgentScalingTooOften fires. */
  maxScaleChangesPer10m: number;
  /** Service P95 latency above which AgentHighLatency fires, seconds. */
  serviceP95Seconds: number;
}

/** Defaults: 200 ms SLA, 6 changes per 10 min, 1 s inference. */
export const DEFAULT_ALERT_THRESHOLDS: AgentAlertThresholds = { inferenceP95Seconds: 1, maxScaleChangesPer10m: 6, serviceP95Seconds: 0.2 };

/** Builds the PrometheusRule (prometheus-operator CRD) with the agent's alerts. */
export function buildAgentPrometheusRule(spec: ScenarioSpec, t: AgentAlertThresholds = DEFAULT_ALERT_THRESHOLDS): Manifest {
  const sel = `namespace="${spec.namespace}"`;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `${spec.agent.name}-alerts`, namespace: spec.namespace, labels: { ...stackLabels(spec, 'monitoring'), release: spec.monitoring.releaseLabel } },
    spec: {
      groups: [
        {
          name: 'scalelab-agent',
          rules: [
            {
              alert: 'AgentHighLatency',
              expr: `histogram_quantile(0.95, sum by (le) (rate(${RESPONSE_TIME_HISTOGRAM}_bucket{${sel}}[${APP_RANGE_WINDOW}]))) > ${t.serviceP95Seconds}`,
              for: '5m',
              labels: { severity: 'warning' },
              annotations: { summary: `P95 latency in ${spec.namespace} above ${t.serviceP95Seconds * 1000} ms for 5 minutes while the agent scales it` },
            },
            {
              alert: 'AgentSlowInference',
              expr: `histogram_quantile(0.95, sum by (le) (rate(scalelab_agent_inference_seconds_bucket{${sel}}[5m]))) > ${t.inferenceP95Seconds}`,
              for: '10m',
              labels: { severity: 'warning' },
              annotations: { summary: 'the agent takes too long to decide' },
            },
            {
              alert: 'AgentScalingTooOften',
              expr: `sum(increase(scalelab_agent_interventions_total{${sel}}[10m])) > ${t.maxScaleChangesPer10m}`,
              for: '0m',
              labels: { severity: 'warning' },
              annotations: { summary: `more than ${t.maxScaleChangesPer10m} scale changes in 10 minutes (flapping)` },
            },
            {
              alert: 'AgentHoldingOnMissingData',
              expr: `sum(increase(scalelab_agent_holds_total{${sel},reason=~"MetricsMissing|MetricsStale|MetricsContradictory"}[5m])) > 10`,
              for: '5m',
              labels: { severity: 'warning' },
              annotations: { summary: 'the agent cannot read its metrics from Prometheus and is holding' },
            },
          ],
        },
      ],
    },
  };
}
