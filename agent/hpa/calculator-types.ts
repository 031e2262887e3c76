// Inputs and outputs of the replica calculator (upstream pkg/controller/podautoscaler/replica_calculator.go).

/** Go's zero `time.Time` as Unix seconds: what a Kubernetes object shows for a timestamp that was never set. */
export const GO_ZERO_TIME_SECONDS = -62135596800;

/** Largest int32: upstream caps replica counts computed from huge metric values here. */
export const MAX_INT32 = 2147483647;

/** One pod as the calculator sees it (the pod lister plus the metrics API sample for that pod). */
export interface CalculatorPod {
  name: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Status of the Ready condition; undefined = the pod has no Ready condition. */
  ready?: boolean;
  /** The pod has a deletion timestamp. */
  deleting?: boolean;
  /** Unix seconds the pod started; undefined = no start time. */
  startTimeSeconds?: number;
  /** Unix seconds of the Ready condition's last transition; undefined = Go zero time (never set). */
  readyTransitionTimeSeconds?: number;
  /** Request of the measured resource (millicores for cpu); undefined = the pod has no request. */
  requestMilli?: number;
  /** The pod's metric value (usage in milli-units); undefined = the metrics API returned nothing for it. */
  usageMilli?: number;
  /** Unix seconds the sample was taken; undefined = `now`. */
  metricTimestampSeconds?: number;
  /** Window the sample averages over, seconds; undefined = the calculator's default window. */
  metricWindowSeconds?: number;
}

/** The metric target of one HPA metric spec, values in milli-units as the Kubernetes quantities' MilliValue(). */
export type CalculatorMetric =
  | { type: 'Resource'; name: string; targetUtilization: number }
  | { type: 'Resource'; name: string; targetAverageValueMilli: number }
  | { type: 'Pods'; targetAverageValueMilli: number }
  | { type: 'Object' | 'External'; targetValueMilli?: number; targetAverageValueMilli?: number; valueMilli: number };

/** Usage-ratio tolerances per direction (inclusive bounds 1 − scaleDown ≤ ratio ≤ 1 + scaleUp). */
export interface Tolerances {
  /** Fraction, e.g. 0.1 = 10 %. */
  scaleUp: number;
  /** Fraction, e.g. 0.1 = 10 %. */
  scaleDown: number;
}

/** Controller constants the calculator needs (kube-controller-manager flags). */
export interface CalculatorConstants {
  /** Default 0.1 each direction (`--horizontal-pod-autoscaler-tolerance`). */
  tolerance: Tolerances;
  /** Seconds after pod start during which CPU samples need a full window after readiness; default 300. */
  cpuInitializationPeriodSeconds: number;
  /** Seconds after start within which an unready transition means "never been ready"; default 30. */
  initialReadinessDelaySeconds: number;
  /** Window assumed for a sample without one, seconds; default 60. */
  defaultMetricWindowSeconds: number;
}

/** Upstream controller defaults (kube-controller-manager). */
export const defaultCalculatorConstants: CalculatorConstants = {
  tolerance: { scaleUp: 0.1, scaleDown: 0.1 },
  cpuInitializationPeriodSeconds: 300,
  initialReadinessDelaySeconds: 30,
  defaultMetricWindowSeconds: 60,
};

/** Everything one replica calculation reads. */
export interface CalculatorInput {
  /** Unix seconds of the calculation (the controller's time.Now()). */
  nowSeconds: number;
  /** The scale target's replicas (spec for Resource/Pods/Object value; used as status replicas for average targets). */
  currentReplicas: number;
  metric: CalculatorMetric;
  /** Every pod the HPA's selector matches. */
  pods: CalculatorPod[];
  /** Samples the metrics API returned for pods that are not in `pods` (stale names); they count as upstream counts them. */
  strayMetrics?: Array<{ name: string; usageMilli: number }>;
  constants?: Partial<CalculatorConstants>;
}

/** What the calculator proposes; the optional fields are the metric's current value as the HPA status shows it. */
export interface CalculatorResult {
  replicas: number;
  /** Resource utilization targets: integer percent of requests. */
  utilization?: number;
  /** Resource utilization targets: average usage per pod, milli-units (integer division as upstream). */
  rawAverageMilli?: number;
  /** Average-value and value targets: the current value, milli-units. */
  usageMilli?: number;
}

/** Thrown when upstream would return an error (no metrics, no pods, missing requests); `reason` is the condition reason. */
export class HpaCalculationError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'HpaCalculationError';
    this.reason = reason;
  }
}
