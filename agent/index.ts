// Public surface of agent/: the registry and the baselines (the HPA and RL agents have their own index files).
export {
  createAutoscaler,
  registerAutoscaler,
  autoscalerTypes,
  parseAutoscalerSpec,
  type AutoscalerSpec,
  type AutoscalerContext,
  type AutoscalerFactory,
} from './registry.ts';
export * from './baselines/index.ts';
