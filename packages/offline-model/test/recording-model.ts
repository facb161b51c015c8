import type { ChatRequest, LanguageModel } from '@gepa-aime/core';
import { OfflineModel } from '../src/index';

/** The offline model, recording the system prompt of every chat request (which prompt reached the model). */
export class RecordingModel implements LanguageModel {
  readonly provider = 'offline';
  readonly modelId = 'offline';
  readonly systemPrompts: string[] = [];
  private readonly inner = new OfflineModel();

  chat(request: ChatRequest) {
    const system = request.messages.find((message) => message.role === 'system')?.content;
    if (system) this.systemPrompts.push(system);
    return this.inner.chat(request);
  }

  stream(request: ChatRequest) {
    return this.inner.stream(request);
  }
}
