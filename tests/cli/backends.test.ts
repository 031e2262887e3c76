import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { chooseBackend } from '../../cli/backends.ts';
import { simBackend } from '../../experiments/backends.ts';
import { BACKEND_NAMES } from '../../lib/backend-names.ts';
import { UserError } from '../../lib/errors.ts';

test('an unknown --backend is bad input (exit 2) naming the value and every registered backend', () => {
  try {
    chooseBackend('gke');
    assert.unreachable('gke is not a backend');
  } catch (err) {
    assert.instance(err, UserError);
    assert.is((err as UserError).exitCode, 2);
    assert.is((err as Error).message, '--backend: got "gke", expected one of sim, microk8s, emulated, k8s-jobs');
  }
});

test('every backend name has a registered backend; sim is the worker-thread simulator', () => {
  for (const name of BACKEND_NAMES) assert.is(chooseBackend(name).backendName, name);
  assert.is(chooseBackend('sim').backend, simBackend);
  assert.type(chooseBackend('microk8s').backend.run, 'function');
  assert.is(chooseBackend('k8s-jobs').backend.recordBackend, 'sim', 'k8s-jobs runs the simulator: its records say sim');
});
