// kwok Stage objects for the emulated cluster: node initialisation and heartbeat, and a pod lifecycle whose delays
// follow the plant's start-up and readiness times (sim/config.ts), so the real controllers see pods become Ready as
// late as the simulator's pods do. Written for kwok v0.8's Stage API (kwok.x-k8s.io/v1alpha1).
import { stringify } from 'yaml';
import type { PlantConfig } from '../sim/config.ts';

type Delays = Pick<PlantConfig, 'startupMedianSeconds' | 'startupSigma' | 'readinessDelaySeconds'>;

const podConditions = (ready: boolean, now = '{{ $now | Quote }}') =>
  ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled']
    .map((type) => `- type: ${type}\n  status: "${type === 'Initialized' || type === 'PodScheduled' || ready ? 'True' : 'False'}"\n  lastTransitionTime: ${now}`)
    .join('\n');

const containerStatuses = (state: string, ready: boolean) => `containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  ready: ${ready}
  started: ${ready}
  restartCount: 0
  state:
${state}
{{ end }}`;

function stage(name: string, kind: 'Pod' | 'Node', matchExpressions: object[], next: object, delay?: { ms: number; jitterMs?: number }): object {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name },
    spec: {
      resourceRef: { apiGroup: 'v1', kind },
      selector: { matchExpressions },
      ...(delay ? { delay: { durationMilliseconds: delay.ms, ...(delay.jitterMs ? { jitterDurationMilliseconds: delay.jitterMs } : {}) } } : {}),
      next,
    },
  };
}

const NODE_STATUS = `{{ $now := Now }}
conditions:
{{ range NodeConditions }}
- lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
  message: {{ .message | Quote }}
  reason: {{ .reason | Quote }}
  status: {{ .status | Quote }}
  type: {{ .type | Quote }}
{{ end }}
addresses:
- address: {{ NodeIP | Quote }}
  type: InternalIP
- address: {{ NodeName | Quote }}
  type: Hostname
allocatable:
{{ with .status.allocatable }}{{ YAML . 1 }}{{ else }}  cpu: "4"
  memory: 8Gi
  pods: "110"{{ end }}
capacity:
{{ with .status.capacity }}{{ YAML . 1 }}{{ else }}  cpu: "4"
  memory: 8Gi
  pods: "110"{{ end }}
nodeInfo:
  architecture: amd64
  kubeletVersion: {{ printf "kwok-%s" Version | Quote }}
  operatingSystem: linux
phase: Running
`;

/** The Stage objects as one multi-document YAML text for `kwok --config`. */
export function kwokStagesYaml(d: Delays): string {
  const notDeleted = { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' };
  // kwok draws each delay uniformly in [duration, jitterDuration]: span the log-normal's ±1σ around the median.
  const startLo = Math.round(1000 * d.startupMedianSeconds * Math.exp(-d.startupSigma));
  const startHi = Math.round(1000 * d.startupMedianSeconds * Math.exp(d.startupSigma));
  const stages = [
    stage('node-initialize', 'Node', [{ key: '.status.conditions.[] | select( .type == "Ready" ) | .status', operator: 'NotIn', values: ['True'] }], { statusTemplate: NODE_STATUS }),
    stage('node-heartbeat-with-lease', 'Node', [
      { key: '.status.phase', operator: 'In', values: ['Running'] },
      { key: '.status.conditions.[] | select( .type == "Ready" ) | .status', operator: 'In', values: ['True'] },
    ], { statusTemplate: NODE_STATUS }, { ms: 20000, jitterMs: 25000 }),
    // Scheduled pod → containers being created (image pull + start): Pending, not Ready, with a pod IP.
    stage('pod-create', 'Pod', [notDeleted, { key: '.spec.nodeName', operator: 'Exists' }, { key: '.status.podIP', operator: 'DoesNotExist' }], {
      statusTemplate: `{{ $now := Now }}
conditions:
${podConditions(false)}
${containerStatuses('    waiting:\n      reason: ContainerCreating', false)}
hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
phase: Pending
`,
    }, { ms: startLo, jitterMs: startHi }),
    // Started → Ready after the readiness delay (kwok marks running and Ready together).
    stage('pod-ready', 'Pod', [notDeleted, { key: '.status.phase', operator: 'In', values: ['Pending'] }, { key: '.status.podIP', operator: 'Exists' }], {
      statusTemplate: `{{ $now := Now }}
conditions:
${podConditions(true)}
${containerStatuses('    running:\n      startedAt: {{ $now | Quote }}', true)}
phase: Running
startTime: {{ $now | Quote }}
`,
    }, { ms: Math.round(1000 * d.readinessDelaySeconds) }),
    stage('pod-delete', 'Pod', [{ key: '.metadata.deletionTimestamp', operator: 'Exists' }, { key: '.metadata.finalizers', operator: 'DoesNotExist' }], { delete: true }, { ms: 500 }),
  ];
  return stages.map((s) => stringify(s)).join('---\n');
}
