// Runs a stack program under pulumi.runtime.setMocks and records every resource it registers. The mocks fill
// metadata.name (as the Kubernetes provider would), allocate node ports, answer the StackReference with
// cluster outputs and the local commands with recorded multipass output.
import * as pulumi from '@pulumi/pulumi';

export interface MockResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  parent?: string;
}

export const CLUSTER_OUTPUTS = { kubeconfig: 'apiVersion: v1\nkind: Config\n', nodeIp: '10.20.30.40', prometheusUrl: 'http://10.20.30.40:30090' };
export const MULTIPASS_INFO = JSON.stringify({ errors: [], info: { 'scalelab-0': { ipv4: ['10.20.30.40', '10.1.0.1'], state: 'Running' } } });

/** An invoke the program made (e.g. command:local:run). */
export interface MockInvoke {
  token: string;
  inputs: Record<string, any>;
}

export async function runProgram(stack: string, config: Record<string, unknown>, program: () => Promise<Record<string, pulumi.Output<unknown>>>): Promise<{ resources: MockResource[]; outputs: Record<string, unknown>; invokes: MockInvoke[] }> {
  const resources: MockResource[] = [];
  const invokes: MockInvoke[] = [];
  let port = 31000;
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, any> = { ...args.inputs };
        if (args.type.startsWith('kubernetes:')) state.metadata = { ...args.inputs.metadata, name: args.inputs.metadata?.name ?? `${args.name}-x7k2p` };
        if (args.type === 'kubernetes:core/v1:Service') {
          state.spec = { ...args.inputs.spec, ports: args.inputs.spec.ports.map((p: Record<string, unknown>) => ({ ...p, nodePort: p.nodePort ?? port++ })) };
        }
        if (args.type === 'pulumi:pulumi:StackReference') state.outputs = CLUSTER_OUTPUTS;
        if (args.type === 'command:local:Command') state.stdout = String(args.inputs.create).startsWith('multipass info') ? MULTIPASS_INFO : 'apiVersion: v1\nclusters: []\n';
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs });
        // command:local:run answers like the command provider: stdout of the command (recorded multipass output).
        if (args.token === 'command:local:run') return { ...args.inputs, stdout: String(args.inputs.command).startsWith('multipass info') ? MULTIPASS_INFO : 'apiVersion: v1\nclusters: []\n', stderr: '' };
        return args.inputs;
      },
    },
    'scalelab',
    stack,
    false,
  );
  // setAllConfig merges, so every key is set explicitly by the caller (defaults + the stack file).
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`scalelab:${k}`, String(v)])));
  const outs = await program();
  const outputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(outs)) outputs[k] = await new Promise((r) => (v as pulumi.Output<unknown>).apply(r));
  await new Promise((r) => setTimeout(r, 50));
  return { resources, outputs, invokes };
}
