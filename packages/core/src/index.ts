export * from './actors/index';
export * from './aime-adapter/index';
export * from './config/index';
export * from './errors/index';
export * from './judge/index';
export { checkModelReady, type ModelReadiness } from './llm/check-model-ready';
export { type CreateModelOptions, createModel } from './llm/create-model';
export * from './llm/errors/index';
export { estimateTokens, estimateUsage } from './llm/estimate-usage';
export {
  type ModelProviderFactory,
  registeredModelProvider,
  registerModelProvider,
} from './llm/model-providers';
export * from './llm/openai-compatible/index';
export type * from './llm/types';
export * from './optimizer/gepa/index';
export * from './optimizer/online/index';
export * from './optimizer/trace-store/index';
export * from './planner/index';
export * from './progress/index';
export * from './protocol/index';
export * from './tools/index';
export * from './workflow/index';
