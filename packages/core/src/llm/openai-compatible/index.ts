export { chatBaseUrl, type EndpointKind, endpointKind, endpointUrl, serverRoot } from './endpoints';
export { errorFromResponse, parseErrorBody, parseRetryAfter } from './map-error';
export { OpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible-model';
export { extractToolCallsFromContent, type RecoveredToolCall } from './tool-calls-in-content';
