// k6 in the cluster, for users without a local k6: the generated script in a ConfigMap and a Job running
// `grafana/k6` against the nginx Service. The results do NOT go through the pod log (kubelet rotates container
// logs at 10 MiB, ≈ 3,000 requests of k6 NDJSON, and the log API returns only the current file): k6 writes its
// points gzipped (`--out json=/results/k6.ndjson.gz`, k6 gzips a name ending in .gz) and handleSummary's JSON to
// an emptyDir, and a second container serves that folder read-only over HTTP. The kube backend waits for the k6
// container to end, then downloads both files through the API server's pod proxy and cross-checks the points'
// request count against the summary's `http_reqs`. The pod keeps serving until the stack is destroyed
// (activeDeadlineSeconds bounds it if it is not).
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { serviceUrl } from './nginx-service.ts';

/** Where the Job's results are served: container port and file names (the kube backend reads these). */
export const K6_RESULTS = { port: 80, points: 'k6.ndjson.gz', summary: 'summary.json', mountPath: '/results' } as const;

/** Name of the k6 Job of the app Deployment `appName` (the kube backend looks its pod up by it). */
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

/** Builds the Job: one pod, never restarted (a rerun would double the load); `loadSeconds` bounds its life. */
export function buildK6Job(spec: ScenarioSpec, loadSeconds = 86_400): Manifest {
  const results = { name: 'results', mountPath: K6_RESULTS.mountPath };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    // skipAwait: Pulumi would otherwise wait for the Job to finish (the whole load test) before `up` returns.
    metadata: { name: k6JobName(spec), namespace: spec.namespace, labels: stackLabels(spec, 'load'), annotations: { 'pulumi.com/skipAwait': 'true' } },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: Math.ceil(loadSeconds) + 7200,
      template: {
        metadata: { labels: stackLabels(spec, 'load') },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'k6',
              image: spec.k6.image,
              // --no-thresholds: a breached threshold (e.g. p(95) over the SLA, an expected outcome of a cell) makes
              // k6 exit 99; the runner judges the SLA from the points, and any other exit code fails the cell.
              args: ['run', '--quiet', '--no-thresholds', '--out', `json=${K6_RESULTS.mountPath}/${K6_RESULTS.points}`, '/scripts/script.js'],
              env: [
                { name: 'TARGET_URL', value: serviceUrl(spec) },
                { name: 'SUMMARY_PATH', value: `${K6_RESULTS.mountPath}/${K6_RESULTS.summary}` },
              ],
              resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              volumeMounts: [{ name: 'script', mountPath: '/scripts', readOnly: true }, results],
            },
            {
              // Serves /results read-only (nginx's default site root) for the pod proxy; the same image as the app.
              name: 'results',
              image: spec.app.image,
              ports: [{ name: 'results', containerPort: K6_RESULTS.port }],
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
              volumeMounts: [{ name: 'results', mountPath: '/usr/share/nginx/html', readOnly: true }],
            },
          ],
          volumes: [
            { name: 'script', configMap: { name: `${k6JobName(spec)}-script` } },
            { name: 'results', emptyDir: { sizeLimit: '4Gi' } },
          ],
        },
      },
    },
  };
}
