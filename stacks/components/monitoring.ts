// Reaching the cluster's monitoring from the user's machine: NodePort Services in front of the observability
// addon's Prometheus and Grafana (the kube backend queries Prometheus at http://<node IP>:<prometheusNodePort>).
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';

/** Inputs of Monitoring. */
export interface MonitoringArgs {
  provider: k8s.Provider;
  nodeIp: pulumi.Input<string>;
  /** Namespace of the observability addon. */
  namespace?: string;
  /** Fixed node ports (30000–32767). */
  prometheusNodePort?: number;
  grafanaNodePort?: number;
}

/** Use once, in the cluster stack, after the observability addon is enabled. */
export class Monitoring extends pulumi.ComponentResource {
  readonly prometheusUrl: pulumi.Output<string>;
  readonly grafanaUrl: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:monitoring:Monitoring', name, {}, opts);
    const ns = args.namespace ?? 'observability';
    const promPort = args.prometheusNodePort ?? 30090;
    const grafanaPort = args.grafanaNodePort ?? 30030;
    const child = { parent: this, provider: args.provider };
    new k8s.core.v1.Service(`${name}-prometheus`, {
      metadata: { name: 'scalelab-prometheus', namespace: ns },
      spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'prometheus' }, ports: [{ name: 'web', port: 9090, targetPort: 9090, nodePort: promPort }] },
    }, child);
    new k8s.core.v1.Service(`${name}-grafana`, {
      metadata: { name: 'scalelab-grafana', namespace: ns },
      spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'grafana' }, ports: [{ name: 'http', port: 80, targetPort: 3000, nodePort: grafanaPort }] },
    }, child);
    this.prometheusUrl = pulumi.interpolate`http://${args.nodeIp}:${promPort}`;
    this.grafanaUrl = pulumi.interpolate`http://${args.nodeIp}:${grafanaPort}`;
    this.registerOutputs({ prometheusUrl: this.prometheusUrl, grafanaUrl: this.grafanaUrl });
  }
}
