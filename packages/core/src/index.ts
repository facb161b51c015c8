export * from './config/index';
export * from './errors/index';
export * from './llm/errors/index';
export { estimateTokens, estimateUsage } from './llm/estimate-usage';
export * from './llm/offline/index';
export type * from './llm/types';
export type * from './optimizer/prompt-optimizer';
export type * from './tools/types';
export * from './workflow/events';
