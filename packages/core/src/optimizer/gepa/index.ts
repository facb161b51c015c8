export { optimize } from './engine';
export { GEPAError, type GEPAErrorCode } from './gepa-error';
export {
  buildReflectionPrompt,
  defaultReflectionPromptTemplate,
  extractFencedText,
  renderRecords,
} from './instruction-proposal';
export { GEPAResult, type GEPAResultJson, gepaResultSchema } from './result';
export { SeededRandom } from './seeded-random';
export { type GEPAState, gepaStateSchema } from './state-schema';
export {
  loadState as loadGEPAState,
  stateFileName as gepaStateFileName,
  stopFileName as gepaStopFileName,
} from './state-store';
export * as gepaStopConditions from './stop-conditions';
export type * from './types';
