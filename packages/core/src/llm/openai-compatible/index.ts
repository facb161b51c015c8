export { chatBaseUrl, type EndpointKind, endpointKind, endpointUrl, serverRoot } from './endpoints';
export { errorFromResponse, parseErrorBody, parseRetryAfter } from './map-error';
export { OpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible-model';
export { splitThinkBlock, ThinkBlockSplitter, type ThinkSplit, type ThinkSplitOptions } from './think-blocks';
export { extractToolCallsFromContent, type RecoveredToolCall } from './tool-calls-in-content';
