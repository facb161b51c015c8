import { InvalidResponseError } from '../errors/index';
import type { ChatRequest, ChatResponse } from '../types';
import { buildResponse } from './build-response';
import { postJson } from './checked-fetch';
import type { TextEndpointCall } from './completions-endpoint';
import { renderPrompt } from './render-prompt';
import { samplingParams } from './text-endpoint-params';

/**
 * Legacy vLLM `api_server` style (`/generate`, `/v1/generate`): POST `{prompt, ...params}`,
 * answer `{text: ["…"]}`. That server echoes the prompt in front of the completion; it is removed.
 * No usage is reported, so it is estimated.
 */
export async function callGenerateEndpoint(request: ChatRequest, call: TextEndpointCall): Promise<ChatResponse> {
  const prompt = renderPrompt(request);
  const body = { ...samplingParams(request, call.extraParams, 'generate'), prompt };
  const answer = (await postJson(call.fetch, call.url, body, call.headers, call.signal)) as { text?: unknown };
  const texts = answer?.text;
  const first = Array.isArray(texts) ? texts[0] : texts;
  if (typeof first !== 'string') throw new InvalidResponseError(`${call.url}: expected {"text": ["…"]}`);
  const completion = first.startsWith(prompt) ? first.slice(prompt.length) : first;
  return buildResponse(
    { content: completion.trim(), toolCalls: [], finishReason: 'stop', usage: undefined, model: call.model },
    request,
  );
}
