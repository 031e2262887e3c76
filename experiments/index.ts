// Public surface of experiments/: loading and validating experiments, running them, reading their records.
export { parseExperiment, resolvePlant, type ExperimentDef, type ScenarioDef, type ParseExperimentOptions } from './experiment.ts';
export { loadExperiment, shippedExperimentNames, SHIPPED_EXPERIMENTS_DIR, type LoadedExperiment } from './load-experiment.ts';
export { expandCells, type Cell, type CellConfig } from './cells.ts';
export { runExperiment, type RunExperimentOptions, type RunExperimentResult, type RunProgress } from './runner.ts';
export { RecordsMismatchError, type RecordsMismatchReason } from './runner-errors.ts';
export { simBackend, sequentialBackend, type Backend, type BackendRunOptions } from './backends.ts';
export { runSimCell, type CellContext } from './run-sim-cell.ts';
export { readRunRecords, scanRecordsText, openRecordsWriter, type RecordLine, type RecordsProblem } from './records-file.ts';
export { validateRunRecord, InvalidRunRecordError, RUN_METRIC_KEYS } from './validate-run-record.ts';
export { summarizeRecords, formatSummaryTable, type SummaryRow } from './summary.ts';
export { configHash, canonicalJson } from './config-hash.ts';
export { lockFolder, withFolderLock, FolderLockedError, LOCK_FILE, type FolderLock, type LockHolder } from './folder-lock.ts';
