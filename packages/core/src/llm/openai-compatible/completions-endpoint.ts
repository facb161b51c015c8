import { InvalidResponseError } from '../errors/index';
import type { ChatRequest, ChatResponse } from '../types';
import { buildResponse, type RawUsage } from './build-response';
import { type FetchFunction, postJson } from './checked-fetch';
import { renderPrompt } from './render-prompt';
import { samplingParams } from './text-endpoint-params';

export interface TextEndpointCall {
  fetch: FetchFunction;
  url: string;
  model: string;
  headers: Record<string, string>;
  extraParams: Record<string, unknown>;
  signal: AbortSignal;
}

/** `/v1/completions`: prompt rendered from the messages, `choices[0].text` becomes the content. */
export async function callCompletionsEndpoint(request: ChatRequest, call: TextEndpointCall): Promise<ChatResponse> {
  const body = {
    ...samplingParams(request, call.extraParams, 'completions'),
    model: call.model,
    prompt: renderPrompt(request),
  };
  const answer = (await postJson(call.fetch, call.url, body, call.headers, call.signal)) as {
    choices?: Array<{ text?: unknown; finish_reason?: string | null }>;
    usage?: RawUsage;
    model?: string;
  };
  const choice = answer?.choices?.[0];
  if (!choice || typeof choice.text !== 'string') {
    throw new InvalidResponseError(`${call.url}: the completion has no choices[0].text`);
  }
  return buildResponse(
    {
      content: choice.text.trim(),
      toolCalls: [],
      finishReason: choice.finish_reason,
      usage: answer.usage,
      model: answer.model || call.model,
    },
    request,
  );
}
