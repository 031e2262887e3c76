// The cluster stack program: MicroK8s on Multipass VMs, and NodePorts to reach its Prometheus and Grafana.
// Outputs: kubeconfig (secret), nodeIp, prometheusUrl, grafanaUrl — read by scenario stacks and the kube backend.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { readClusterConfig } from './config.ts';
import { MicroK8sCluster } from './components/microk8s-cluster.ts';
import { Monitoring } from './components/monitoring.ts';

/** Runs inside `pulumi up -s cluster`; returns the stack outputs. */
export function clusterProgram(): Record<string, pulumi.Output<unknown>> {
  const c = readClusterConfig();
  const cluster = new MicroK8sCluster('microk8s', c);
  const provider = new k8s.Provider('microk8s', { kubeconfig: cluster.kubeconfig });
  const monitoring = new Monitoring('monitoring', { provider, nodeIp: cluster.nodeIp });
  return {
    kubeconfig: cluster.kubeconfig,
    nodeIp: cluster.nodeIp,
    prometheusUrl: monitoring.prometheusUrl,
    grafanaUrl: monitoring.grafanaUrl,
  };
}
