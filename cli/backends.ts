// The backends `--backend` can name, assembled here and injected into the runner. Adding a backend: its module
// (e.g. experiments/<name>/<name>-backend.ts), its name in lib/backend-names.ts, and one line below (tsc refuses
// a name without a line).
import { BACKEND_NAMES, isBackendName, type BackendName } from '../lib/backend-names.ts';
import { simBackend, type Backend } from '../experiments/backends.ts';
import { kubeBackend, type KubeBackendOptions } from '../experiments/kube/kube-backend.ts';
import { emulatedBackend } from '../emulated/emulated-backend.ts';
import { k8sJobsBackend } from '../experiments/k8s-jobs/k8s-jobs-backend.ts';
import { UserError } from './errors.ts';

/** Settings from `scalelab run`'s flags (or their environment variables) a backend may use. */
export type BackendSettings = Pick<KubeBackendOptions, 'clusterStack' | 'agentImage'>;

/** Registration: one line per backend name, built only when chosen. */
const BACKENDS: Record<BackendName, (s: BackendSettings) => Backend> = {
  sim: () => simBackend,
  microk8s: (s) => kubeBackend(s),
  emulated: (s) => emulatedBackend(s),
  // Runs the simulator in an Indexed Job; its records say `sim` (Backend.recordBackend).
  'k8s-jobs': () => k8sJobsBackend(),
};

/** Use for a `--backend` value: the backend and its name, or exit 2 naming the flag and the choices. */
export function chooseBackend(name: string, settings: BackendSettings = {}): { backend: Backend; backendName: BackendName } {
  if (!isBackendName(name)) throw new UserError(`--backend: got "${name}", expected one of ${BACKEND_NAMES.join(', ')}`);
  return { backend: BACKENDS[name](settings), backendName: name };
}
