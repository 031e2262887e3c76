// A sharded sweep as Kubernetes objects (DESIGN.md §9): its own namespace, a ServiceAccount whose Role may only
// write ConfigMaps there (each pod hands its shard's records back as ConfigMaps, never through pod logs, which the
// kubelet rotates), the cells to run as a gzip'd ConfigMap, and an Indexed Job whose pod i runs shard i of N.
import type { Manifest } from './scenario-spec.ts';

/** Label on every object of a sweep, and on the result ConfigMaps the pods write. */
export const SWEEP_LABEL = 'scalelab.io/sweep';
/** Label a result ConfigMap carries (value "true"), so the runner lists exactly them. */
export const SWEEP_RESULT_LABEL = 'scalelab.io/sweep-result';
/** ConfigMap holding the cells (key `cells.json.gz`), mounted at CELLS_MOUNT in every pod. */
export const SWEEP_CELLS_CONFIGMAP = 'sweep-cells';
export const CELLS_MOUNT = '/sweep';

/** What a sweep Job needs. */
export interface SweepJobSpec {
  /** The sweep's own namespace (deleted with everything in it when the sweep ends). */
  namespace: string;
  /** Job (and ServiceAccount/Role) name. */
  name: string;
  /** The sweep image (experiments/k8s-jobs/Dockerfile): this repository with its dependencies. */
  image: string;
  /** Shards = completions = parallelism of the Indexed Job. */
  parallelism: number;
  /** The cells file (gzip'd JSON), base64. */
  cellsGzipBase64: string;
  /** CPU each pod requests, millicores (the pod runs this many worker threads, at least one). */
  cpuRequestMilli: number;
  /** Memory each pod requests, MiB. */
  memoryRequestMiB: number;
  /** Retries per failed shard (a shard is deterministic, so a retry on another node gives the same records). */
  backoffLimitPerIndex: number;
  /** The Job is failed after this many seconds (a stuck sweep never runs forever). */
  activeDeadlineSeconds: number;
  /** Image pull policy ("IfNotPresent" for a locally loaded image). */
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

const labels = (spec: Pick<SweepJobSpec, 'name'>, component: string) => ({ 'app.kubernetes.io/part-of': 'scalelab', 'app.kubernetes.io/component': component, [SWEEP_LABEL]: spec.name });

/** Use to build every object of a sweep, in creation order (namespace first, Job last). */
export function buildSweepManifests(spec: SweepJobSpec): Manifest[] {
  const meta = (component: string) => ({ name: spec.name, namespace: spec.namespace, labels: labels(spec, component) });
  return [
    ...buildResultWriterAccess(spec),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta('cells'), name: SWEEP_CELLS_CONFIGMAP }, binaryData: { 'cells.json.gz': spec.cellsGzipBase64 } },
    buildSweepJob(spec),
  ];
}

/** The namespace and a ServiceAccount whose Role may only write ConfigMaps there (the pods' results). */
export function buildResultWriterAccess(spec: Pick<SweepJobSpec, 'namespace' | 'name'>): Manifest[] {
  const meta = (component: string) => ({ name: spec.name, namespace: spec.namespace, labels: labels(spec, component) });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: spec.namespace, labels: labels(spec, 'namespace') } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sweep') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('sweep'),
      // Only what a pod needs to hand its results back (create, or replace on a retry); nothing else.
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'update'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('sweep'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: spec.name },
      subjects: [{ kind: 'ServiceAccount', name: spec.name, namespace: spec.namespace }],
    },
  ];
}

/** What a submitted command Job needs (a training run or any other `scalelab` command, once per index). */
export type CommandJobSpec = Omit<SweepJobSpec, 'cellsGzipBase64'> & {
  /** The `scalelab` arguments each pod runs (`{index}` is replaced by its JOB_COMPLETION_INDEX). */
  args: string[];
};

/** Use for `scalelab submit`: the result-writer access and an Indexed Job whose pods run `scalelab job-pod -- ARGS`. */
export function buildCommandJobManifests(spec: CommandJobSpec): Manifest[] {
  return [...buildResultWriterAccess(spec), indexedJob(spec, 'command', ['job-pod', '--', ...spec.args])];
}

/** The Indexed Job: pod i gets JOB_COMPLETION_INDEX=i from Kubernetes and runs `scalelab sweep-shard --shard auto/N`. */
export function buildSweepJob(spec: SweepJobSpec): Manifest {
  const workers = Math.max(1, Math.floor(spec.cpuRequestMilli / 1000));
  const args = ['sweep-shard', `${CELLS_MOUNT}/cells.json.gz`, '--shard', `auto/${spec.parallelism}`, '--workers', String(workers)];
  return indexedJob(spec, 'sweep', args, { volumeMounts: [{ name: 'cells', mountPath: CELLS_MOUNT, readOnly: true }], volumes: [{ name: 'cells', configMap: { name: SWEEP_CELLS_CONFIGMAP } }] });
}

function indexedJob(spec: Omit<SweepJobSpec, 'cellsGzipBase64'>, container: string, args: string[], cells?: { volumeMounts: object[]; volumes: object[] }): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: spec.name, namespace: spec.namespace, labels: labels(spec, container) },
    spec: {
      completionMode: 'Indexed',
      completions: spec.parallelism,
      parallelism: spec.parallelism,
      backoffLimitPerIndex: spec.backoffLimitPerIndex,
      // Without maxFailedIndexes a failed index would only fail the Job at the end; one failed pod fails it at once.
      maxFailedIndexes: 0,
      activeDeadlineSeconds: spec.activeDeadlineSeconds,
      template: {
        metadata: { labels: labels(spec, container) },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: spec.name,
          containers: [
            {
              name: container,
              image: spec.image,
              imagePullPolicy: spec.imagePullPolicy ?? 'IfNotPresent',
              args,
              env: [{ name: 'SCALELAB_QUIET', value: '1' }, { name: 'SCALELAB_JOB_PODS', value: String(spec.parallelism) }],
              resources: {
                requests: { cpu: `${spec.cpuRequestMilli}m`, memory: `${spec.memoryRequestMiB}Mi` },
                limits: { memory: `${spec.memoryRequestMiB}Mi` },
              },
              ...(cells ? { volumeMounts: cells.volumeMounts } : {}),
            },
          ],
          ...(cells ? { volumes: cells.volumes } : {}),
        },
      },
    },
  };
}
