import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletionBody, textCompletionBody } from './completion-bodies';
import { isFault, sendJson } from './faults';
import { sendFault } from './send-fault';
import { chatCompletionEvents } from './sse';
import type { FakeAnswer, FakeHandler, FakeReply, FakeServerOptions, RecordedRequest } from './types';
import { vllmRejection } from './vllm-checks';

export interface FakeOpenAIServer {
  /** Base URL ending in `/v1`, ready for `api_base`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` (for `/health`, `/generate`). */
  readonly origin: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** How many requests the client abandoned before the answer was complete. */
  readonly disconnects: number;
  /** Model requests only (chat, completions, generate). */
  modelRequests(): RecordedRequest[];
  /** Appends replies to the queue. */
  script(...replies: FakeReply[]): void;
  /** Answers calls once the queue is empty (`undefined` restores the default echo). */
  setHandler(handler: FakeHandler | undefined): void;
  /** Resolves once `count` disconnects were seen (rejects after `timeoutMs`, default 2000). */
  waitForDisconnects(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const MODEL_PATHS = new Set(['/v1/chat/completions', '/v1/completions', '/generate', '/v1/generate']);

const echoHandler: FakeHandler = (body) => {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: string; content?: unknown }>) : [];
  const lastUser = messages.filter((message) => message.role === 'user').at(-1)?.content;
  const text = typeof lastUser === 'string' ? lastUser : typeof body.prompt === 'string' ? body.prompt : '';
  return { content: `fake answer to: ${text}` };
};

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (random port) for tests: scripted replies or
 * a handler, SSE streaming with split tool-call deltas and a usage chunk, injectable faults, and
 * a record of every request (including whether the client hung up early).
 */
export async function startFakeOpenAIServer(options: FakeServerOptions = {}): Promise<FakeOpenAIServer> {
  const queue: FakeReply[] = [...(options.replies ?? [])];
  let handler: FakeHandler = options.handler ?? echoHandler;
  const requests: RecordedRequest[] = [];
  let disconnects = 0;
  const disconnectWaiters = new Set<() => void>();
  const model = options.model ?? 'fake-model';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { error: { message: String(error), type: 'FakeServerError' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const text = await readBody(request);
    const body = parseJson(text);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      body,
      stream: body?.stream === true,
      receivedAt: Date.now(),
      aborted: false,
    };
    const callIndex = requests.length;
    requests.push(record);
    let serverCut = false;
    response.on('close', () => {
      if (response.writableFinished || serverCut) return;
      record.aborted = true;
      disconnects += 1;
      for (const waiter of disconnectWaiters) waiter();
    });

    if (request.method === 'GET' && path === '/health') {
      response.writeHead(options.healthStatus ?? 200).end();
      return;
    }
    if (request.method === 'GET' && path === '/v1/models' && (options.modelsStatus ?? 200) !== 200) {
      response.writeHead(options.modelsStatus ?? 200).end();
      return;
    }
    if (request.method === 'GET' && path === '/v1/models') {
      const ids = options.servedModelNames ?? [model];
      sendJson(response, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'vllm' })) });
      return;
    }
    if (request.method !== 'POST' || !MODEL_PATHS.has(path)) {
      sendJson(response, 404, { error: { message: `No route ${request.method} ${path}`, type: 'NotFoundError' } });
      return;
    }
    if (!body) {
      sendJson(response, 400, { error: { message: 'Request body is not JSON', type: 'BadRequestError' } });
      return;
    }
    const rejection = vllmRejection(path, body, options);
    if (rejection) {
      if (typeof rejection.body === 'string')
        response.writeHead(rejection.status, { 'content-type': 'text/plain' }).end(rejection.body);
      else sendJson(response, rejection.status, rejection.body);
      return;
    }
    const reply =
      queue.shift() ?? (await handler(body, { path, callIndex, headers: request.headers, stream: record.stream }));
    const latency = typeof reply === 'object' ? reply.latencyMs : undefined;
    if (latency) await waitUnlessClosed(latency, response);
    if (response.destroyed) return;

    if (isFault(reply)) {
      await sendFault(reply, {
        response,
        path,
        stream: record.stream,
        body,
        model,
        markServerCut: () => {
          serverCut = true;
        },
      });
      return;
    }
    const answer: FakeAnswer = typeof reply === 'string' ? { content: reply } : reply;
    const answerModel = answer.model ?? (typeof body.model === 'string' ? body.model : model);
    if (path === '/v1/chat/completions' && record.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of chatCompletionEvents(answer, answerModel, body)) response.write(event);
      response.end();
    } else if (path === '/v1/chat/completions') {
      sendJson(response, 200, chatCompletionBody(answer, answerModel, body));
    } else if (path === '/v1/completions') {
      sendJson(response, 200, textCompletionBody(answer, answerModel, body));
    } else {
      const prompt = typeof body.prompt === 'string' ? body.prompt : '';
      sendJson(response, 200, { text: [prompt + (answer.content ?? '')] });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    requests,
    get disconnects() {
      return disconnects;
    },
    modelRequests: () => requests.filter((request) => MODEL_PATHS.has(request.path)),
    script: (...replies) => {
      queue.push(...replies);
    },
    setHandler: (next) => {
      handler = next ?? options.handler ?? echoHandler;
    },
    waitForDisconnects: (count, timeoutMs = 2000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (disconnects < count) return;
          clearTimeout(timer);
          disconnectWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          disconnectWaiters.delete(check);
          reject(new Error(`expected ${count} client disconnects, saw ${disconnects}`));
        }, timeoutMs);
        disconnectWaiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function waitUnlessClosed(ms: number, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    response.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
