// The one list of backends a record can come from. `RunRecord.backend` and the record validator derive from it;
// the CLI registers one module per name (cli/backends.ts, checked by tsc to cover every name).

/** Every backend name, in `--backend` help order. */
export const BACKEND_NAMES = ['sim', 'microk8s', 'emulated', 'k8s-jobs'] as const;

/** A backend's `--backend` name, as stored in every record. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Use to check a name read from outside (a flag, a record). */
export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}
