// Pulumi through the Automation API (LocalWorkspace on this repository's Pulumi.yaml): `up` a scenario stack
// with per-cell config and read its outputs; `destroy` it. The `pulumi` CLI on PATH does the work.
import { LocalWorkspace, type ConfigMap } from '@pulumi/pulumi/automation/index.js';

/** What the kube backend needs from Pulumi. */
export interface StackDriver {
  /** Creates/selects `stack`, sets `scalelab:<key>` config, runs `up`, returns the stack outputs (plain values). */
  up(stack: string, config: Record<string, string>): Promise<Record<string, unknown>>;
  /** Outputs of an existing stack (the cluster's kubeconfig and Prometheus URL). */
  outputs(stack: string): Promise<Record<string, unknown>>;
  /** Destroys the stack's resources, then removes the (now empty) stack and its config file. */
  destroy(stack: string): Promise<void>;
}

/** A driver over the project in `workDir`; `onOutput` receives Pulumi's progress text. */
export function automationStackDriver(workDir: string, onOutput: (text: string) => void = () => {}): StackDriver {
  const select = (stackName: string) => LocalWorkspace.createOrSelectStack({ stackName, workDir });
  const plain = (outs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(outs).map(([k, v]) => [k, v.value]));
  return {
    async up(stackName, config) {
      const stack = await select(stackName);
      const all: ConfigMap = Object.fromEntries(Object.entries(config).map(([k, v]) => [`scalelab:${k}`, { value: v }]));
      await stack.setAllConfig(all);
      const result = await stack.up({ onOutput });
      return plain(result.outputs);
    },
    async outputs(stackName) {
      const stack = await LocalWorkspace.selectStack({ stackName, workDir });
      return plain(await stack.outputs());
    },
    async destroy(stackName) {
      const stack = await LocalWorkspace.selectStack({ stackName, workDir });
      await stack.destroy({ onOutput });
      // The emptied per-cell stack and the Pulumi.<stack>.yaml its config set-all wrote into the project are
      // removed too; otherwise every cell leaves a stray stack file next to the committed ones. The resources are
      // gone by now, so a failed removal is only reported, never fails the cell.
      await stack.workspace.removeStack(stackName).catch((err: unknown) => {
        onOutput(`pulumi stack rm ${stackName} failed (its resources are destroyed; remove it with \`pulumi stack rm ${stackName}\`): ${err instanceof Error ? err.message : String(err)}\n`);
      });
    },
  };
}
