import type { ServerResponse } from 'node:http';
import { chatCompletionBody, textCompletionBody } from './completion-bodies';
import { sendStatusFault } from './faults';
import { chatCompletionEvents, event } from './sse';
import type { FakeAnswer, FakeFault } from './types';

export interface FaultContext {
  response: ServerResponse;
  path: string;
  stream: boolean;
  body: Record<string, unknown>;
  model: string;
  /** Marks a connection the server closes on purpose, so it is not counted as a client disconnect. */
  markServerCut(): void;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** Plays one injected fault on the response. */
export async function sendFault(fault: FakeFault, context: FaultContext): Promise<void> {
  const { response, stream } = context;
  switch (fault.fault) {
    case 'hang':
      return;
    case 'headers-then-silence':
      response.writeHead(200, stream ? SSE_HEADERS : { 'content-type': 'application/json' });
      response.flushHeaders();
      return;
    case 'stall-stream':
      writePartialAnswer(context, fault.answer ?? {}, fault.afterChunks);
      return;
    case 'cut-stream':
      context.markServerCut();
      writePartialAnswer(context, fault.answer ?? {}, fault.afterChunks);
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.socket?.destroy();
      return;
    case 'length-in-tool-call':
      sendLengthCutToolCall(context, fault);
      return;
    case 'stream-error':
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(event({ id: 'chatcmpl-error', choices: [{ index: 0, delta: { content: 'partial ' } }] }));
      response.end(event({ error: { message: fault.message, type: 'InternalServerError', code: fault.code ?? 500 } }));
      return;
    case 'malformed-json':
      if (stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: {"id": "broken", "choices": [{\n\n');
        return;
      }
      sendStatusFault(response, fault);
      return;
    default:
      sendStatusFault(response, fault);
  }
}

/** The first chunks of a streamed answer (default: half), or the first half of a JSON body; the connection stays open. */
function writePartialAnswer(context: FaultContext, answer: FakeAnswer, afterChunks: number | undefined): void {
  const { response, stream, body, model } = context;
  if (stream) {
    const events = chatCompletionEvents(answer, model, body);
    response.writeHead(200, SSE_HEADERS);
    for (const item of events.slice(0, afterChunks ?? Math.floor(events.length / 2))) response.write(item);
    return;
  }
  const full = JSON.stringify(chatCompletionBody(answer, model, body));
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length) });
  response.write(full.slice(0, Math.floor(full.length / 2)));
}

/** hermes behaviour for a `<tool_call>` cut by max_tokens: raw text when whole, a partial call when streamed. */
function sendLengthCutToolCall(context: FaultContext, fault: Extract<FakeFault, { fault: 'length-in-tool-call' }>) {
  const { response, path, stream, body, model } = context;
  const argumentsJson = JSON.stringify(fault.toolCall.arguments ?? {});
  const kept = argumentsJson.slice(0, fault.keepCharacters ?? Math.floor(argumentsJson.length / 2));
  if (stream && path === '/v1/chat/completions') {
    const answer: FakeAnswer = {
      content: fault.content,
      toolCalls: [{ name: fault.toolCall.name, arguments: kept }],
      finishReason: 'length',
    };
    response.writeHead(200, SSE_HEADERS);
    for (const item of chatCompletionEvents(answer, model, body)) response.write(item);
    response.end();
    return;
  }
  const text = `${fault.content ?? ''}<tool_call>\n{"name": "${fault.toolCall.name}", "arguments": ${kept}`;
  const answer: FakeAnswer = { content: text, finishReason: 'length' };
  const reply =
    path === '/v1/chat/completions'
      ? chatCompletionBody(answer, model, body)
      : path === '/v1/completions'
        ? textCompletionBody(answer, model, body)
        : { text: [(typeof body.prompt === 'string' ? body.prompt : '') + text] };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(reply));
}
