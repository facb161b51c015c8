import { llmUsageEvent } from '../../protocol/llm-usage-event';
import type { PromptComponent } from '../../protocol/prompt-optimizer';
import type { RunEventInput } from '../../protocol/run-events';
import type { ReflectionModel } from '../gepa/types';
import type { TraceLogger } from '../trace-store/trace-store';
import { type OnlineCandidate, recentMean } from './online-candidate';
import { failingEntries, proposePrompt, toReflectiveRecords } from './online-reflection';
import type { OnlineState } from './online-state';

export interface CandidateProposalOptions {
  state: OnlineState;
  component: PromptComponent;
  model: ReflectionModel;
  minibatchSize: number;
  reflectionPromptTemplate?: string;
  createId?: (component: PromptComponent) => string;
  signal?: AbortSignal;
  logger: TraceLogger;
  now: () => number;
}

export interface CandidateProposal {
  candidate: OnlineCandidate;
  parentScore: number;
}

/**
 * A reflective mutation of the component's current prompt from its recent failing outcomes. An
 * adopted proposal becomes the state's trial (candidate `proposed` event); a rejected one only
 * resets the proposal counters. Either way the reflection call's `llm-usage` event is returned.
 */
export async function proposeCandidate(
  options: CandidateProposalOptions,
): Promise<{ proposal?: CandidateProposal; events: RunEventInput[] }> {
  const { state, component } = options;
  const events: RunEventInput[] = [];
  const parent = state.current(component);
  if (!parent) return { events };
  const entries = failingEntries(state.window(component), parent.id, options.minibatchSize);
  if (entries.length === 0) return { events };
  const proposal = await proposePrompt({
    model: options.model,
    component,
    currentText: parent.prompt,
    records: toReflectiveRecords(entries),
    ...(options.reflectionPromptTemplate ? { template: options.reflectionPromptTemplate } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    now: options.now,
  });
  if (proposal.usage) events.push(llmUsageEvent('reflection', proposal.usage, proposal.ms));
  if (!proposal.ok) {
    options.logger.warn(`online GEPA: no new ${component} prompt (${proposal.reason})`);
    state.resetProposalCounters();
    return { events };
  }
  const parentScore = recentMean(parent) ?? 0;
  const candidate = state.propose(component, {
    id: options.createId?.(component) ?? `${component}-${crypto.randomUUID().slice(0, 8)}`,
    prompt: proposal.text,
    parentId: parent.id,
    parentScore,
    ts: options.now(),
  });
  events.push({
    type: 'gepa-candidate',
    component,
    candidateId: candidate.id,
    parents: [parent.id],
    prompt: candidate.prompt,
    scores: { parentScore },
    decision: 'proposed',
  });
  return { proposal: { candidate, parentScore }, events };
}
