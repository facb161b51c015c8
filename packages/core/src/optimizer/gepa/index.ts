export { optimize } from './engine';
export { GepaError, type GepaErrorCode } from './gepa-error';
export {
  buildReflectionPrompt,
  defaultReflectionPromptTemplate,
  extractFencedText,
  renderRecords,
} from './instruction-proposal';
export { GepaResult, type GepaResultJson, gepaResultSchema } from './result';
export { SeededRandom } from './seeded-random';
export { type GepaState, gepaStateSchema } from './state-schema';
export {
  loadState as loadGepaState,
  stateFileName as gepaStateFileName,
  stopFileName as gepaStopFileName,
} from './state-store';
export * as gepaStopConditions from './stop-conditions';
export type * from './types';
