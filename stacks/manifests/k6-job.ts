// k6 in the cluster, for users without a local k6: the generated script in a ConfigMap and a Job running
// `grafana/k6` against the nginx Service. Per-request points (`--out json=/dev/stdout`) and the end-of-test
// summary (handleSummary to stdout) go to the pod log, where the kube backend reads them. Kubelets rotate
// container logs at 10 MiB by default (about 30 000 requests): longer runs need a local k6 or a larger
// `containerLogMaxSize`.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { serviceUrl } from './nginx-service.ts';

/** Name of the k6 Job of the app Deployment `appName` (the kube backend reads its log). */
export function k6JobNameFor(appName: string): string {
  return `${appName}-k6`;
}

/** Name of the k6 Job of a scenario. */
export function k6JobName(spec: ScenarioSpec): string {
  return k6JobNameFor(spec.app.name);
}

/** Builds the ConfigMap with `script.js`. */
export function buildK6ScriptConfigMap(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${k6JobName(spec)}-script`, namespace: spec.namespace, labels: stackLabels(spec, 'load') },
    data: { 'script.js': spec.k6.script },
  };
}

/** Builds the Job: one pod, never restarted (a rerun would double the load), summary to stdout. */
export function buildK6Job(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    // skipAwait: Pulumi would otherwise wait for the Job to finish (the whole load test) before `up` returns.
    metadata: { name: k6JobName(spec), namespace: spec.namespace, labels: stackLabels(spec, 'load'), annotations: { 'pulumi.com/skipAwait': 'true' } },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: stackLabels(spec, 'load') },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'k6',
              image: spec.k6.image,
              // --no-thresholds: a breached threshold (e.g. p(95) over the SLA, an expected outcome of a cell) makes
              // k6 exit 99, which would mark the Job failed and fail the cell; the runner judges the SLA from the points.
              args: ['run', '--quiet', '--no-thresholds', '--out', 'json=/dev/stdout', '/scripts/script.js'],
              env: [
                { name: 'TARGET_URL', value: serviceUrl(spec) },
                { name: 'SUMMARY_PATH', value: 'stdout' },
              ],
              resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              volumeMounts: [{ name: 'script', mountPath: '/scripts', readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: `${k6JobName(spec)}-script` } }],
        },
      },
    },
  };
}
