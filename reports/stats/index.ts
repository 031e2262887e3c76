// Public surface of reports/stats: pure estimators, tests, effect sizes and bootstrap CIs.
export { mean, median, sd, iqm, quantile } from './descriptive.ts';
export { normalCdf, normalSf, normalQuantile, studentTCdf, studentTTwoSidedP, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './special-functions.ts';
export { shapiroWilk, type ShapiroWilkResult } from './shapiro-wilk.ts';
export { pairedTTest, welchTTest, type TTestResult } from './t-tests.ts';
export { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon.ts';
export { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.ts';
export { cohensDPaired, rankBiserialPaired } from './effect-sizes.ts';
export { holmAdjust } from './holm.ts';
export { bootstrapCi, stratifiedBootstrapCi, type BootstrapOptions, type ConfidenceInterval } from './bootstrap.ts';
export { probabilityOfImprovement } from './probability-of-improvement.ts';
export { rankWithTies } from './ranks.ts';
export { comparePaired, compareMetrics, type PairedComparison, type PairedOptions } from './paired-comparison.ts';
