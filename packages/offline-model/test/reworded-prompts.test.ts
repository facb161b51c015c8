import type {
  ActivePrompt,
  ChatDelta,
  ChatMessage,
  ChatRequest,
  ChatResponse,
  LanguageModel,
  PromptComponent,
  PromptOptimizer,
} from '@gepa-aime/core';
import { createOptimizer, feed, TEST_GEPA_CONFIG, tempTracePath } from '@gepa-aime/core/testing';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../src/index';
import { CORPUS } from './goal-corpus-cases';
import { runGoal } from './goal-corpus-support';

/** Every character of every message reversed: no prompt wording survives, only the request metadata. */
const reword = (text: string) => [...text].reverse().join('');

/**
 * The offline model behind a rewording of everything the workflow writes to it — system prompts,
 * task messages, planner state blocks, reflection prompts, earlier replies and observations alike.
 */
class RewordingModel implements LanguageModel {
  readonly provider = 'offline';
  readonly modelId = 'offline';
  readonly seen: ChatRequest[] = [];
  private readonly inner = new OfflineModel();

  chat(request: ChatRequest): Promise<ChatResponse> {
    this.seen.push(request);
    return this.inner.chat(this.reworded(request));
  }

  stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    return this.inner.stream(this.reworded(request));
  }

  private reworded(request: ChatRequest): ChatRequest {
    const messages = request.messages.map(
      (message): ChatMessage =>
        message.content === null ? message : ({ ...message, content: reword(message.content) } as ChatMessage),
    );
    return { ...request, messages };
  }
}

/** Planner and actor templates in other words than the defaults (the actor's placeholders kept). */
const REWORDED: Record<PromptComponent, string> = {
  planner: 'Break the objective down. Reply with the structured plan object and nothing else.',
  actor:
    'Role: {{persona}}.\nAvailable: {{tools}}\nEarlier: {{knowledge}}\nWhere: {{environment}}\nReply: {{output_format}}',
};

const rewordedTemplates: PromptOptimizer = {
  currentPrompt: (component): ActivePrompt => ({
    component,
    candidateId: `${component}-reworded`,
    text: REWORDED[component],
  }),
  record: async () => [],
};

describe('the offline model reads request metadata, never prompt wording', () => {
  it('runs every corpus goal to the same status and facts with reworded templates and scrambled messages', async () => {
    for (const example of CORPUS) {
      const model = new RewordingModel();
      const { report } = await runGoal(example.goal, 'native', { model, optimizer: rewordedTemplates });
      expect(report.status, example.goal).toBe(example.status);
      for (const fact of example.answer) expect(report.finalAnswer, example.goal).toContain(fact);
      const system = model.seen.map((request) => request.messages[0]?.content ?? '');
      expect(system.some((text) => text.startsWith(REWORDED.planner))).toBe(true);
      expect(system.some((text) => text.startsWith('Role: '))).toBe(true);
    }
  });

  it('does the same over the react-text protocol', async () => {
    const example = CORPUS.find((candidate) => candidate.goal === 'Read the README and summarise it');
    const model = new RewordingModel();
    const { report } = await runGoal(example?.goal ?? '', 'react-text', { model, optimizer: rewordedTemplates });
    expect(report.status).toBe('completed');
    for (const fact of example?.answer ?? []) expect(report.finalAnswer).toContain(fact);
  });

  it('reflects under a reworded reflection template and scrambled prompt: the lessons still come from the feedback', async () => {
    const optimizer = await createOptimizer(tempTracePath(), {
      reflectionModel: new RewordingModel(),
      reflectionPromptTemplate: 'Improve this: <curr_param>\nHere is how it went: <side_info>',
      config: { ...TEST_GEPA_CONFIG, components: ['actor'] },
    });
    await feed(optimizer, [0, 0], 'actor');
    const active = optimizer.currentPrompt('actor');
    expect(active.candidateId).toBe('actor-gen1');
    expect(active.text).toContain('Lessons from earlier runs:');
  });

  it('needs the metadata: the same scrambled planner request without it is not planned', async () => {
    const model = new RewordingModel();
    await runGoal('Read the README and summarise it', 'native', { model, optimizer: rewordedTemplates });
    const planner = model.seen.find((request) => request.metadata?.role === 'planner');
    expect(planner).toBeDefined();
    const { metadata: _metadata, ...bare } = planner as ChatRequest;
    const answer = await new OfflineModel().chat({
      ...bare,
      messages: bare.messages.map(
        (message) => ({ ...message, content: reword(String(message.content)) }) as ChatMessage,
      ),
    });
    expect(answer.content).not.toContain('Offline planner (rule-based)');
  });
});
