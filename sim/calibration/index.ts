// Public surface of plant calibration (DESIGN.md §10): fit a PlantConfig from run records.
export { calibratePlant, CalibrationInputError, SETTING_FIELDS } from './calibrate.ts';
export type { CalibrationFits, CalibrationResult, PlantFieldSource } from './calibrate.ts';
export type { IdentifiedFit, ParamFit, UnidentifiedFit, FitOptions } from './fit-types.ts';
export { scaleUpWindows, MINUTE_SECONDS } from './fit-startup.ts';
export { slaCapacityRps } from './pod-capacity.ts';
