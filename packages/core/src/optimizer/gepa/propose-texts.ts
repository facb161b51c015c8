import type { TokenUsage } from '../../llm/types';
import type { ReflectionRequestMetadata } from '../../protocol/request-metadata';
import { buildReflectionPrompt, extractFencedText } from './instruction-proposal';
import type { GEPAAdapter, GEPACandidate, ReflectionModel, ReflectiveDataset } from './types';

export interface ProposedTexts {
  /** New text per component that produced a valid, changed instruction. */
  texts: Record<string, string>;
  /** Why the other components produced nothing usable. */
  failures: Array<{ component: string; reason: 'invalid-output' | 'reflection-error'; detail: string }>;
}

/**
 * One reflection call, the prompt sent as a user message (and its intent as request metadata): the answer, whether the token limit cut
 * it off, and the usage a LanguageModel reports (a plain function reports none).
 */
export async function askReflectionModel(
  model: ReflectionModel,
  prompt: string,
  signal: AbortSignal | undefined,
  intent: Omit<ReflectionRequestMetadata, 'role'>,
): Promise<{ text: string; truncated: boolean; usage?: TokenUsage }> {
  if (typeof model === 'function') return { text: await model(prompt), truncated: false };
  const response = await model.chat({
    messages: [{ role: 'user', content: prompt }],
    signal,
    metadata: { role: 'reflection', ...intent },
  });
  return { text: response.content, truncated: response.finishReason === 'length', usage: response.usage };
}

/**
 * Proposes new texts for `components` from the reflective dataset: through the adapter's
 * `proposeNewTexts` when it has one, otherwise one reflection-model call per component with the
 * instruction-proposal prompt. Answers without a closed fence, cut off by the token limit, or
 * empty are rejected and never adopted.
 */
export async function proposeNewTexts<Example, Output, Trajectory>(
  adapter: GEPAAdapter<Example, Output, Trajectory>,
  model: ReflectionModel | undefined,
  template: string | undefined,
  candidate: GEPACandidate,
  dataset: ReflectiveDataset,
  components: string[],
  signal: AbortSignal | undefined,
): Promise<ProposedTexts> {
  const result: ProposedTexts = { texts: {}, failures: [] };
  if (adapter.proposeNewTexts) {
    try {
      const proposed = await adapter.proposeNewTexts(candidate, dataset, components);
      for (const component of components) {
        const text = proposed[component];
        if (typeof text === 'string' && text.trim().length > 0) result.texts[component] = text;
      }
    } catch (error) {
      for (const component of components) {
        result.failures.push({ component, reason: 'reflection-error', detail: String(error) });
      }
    }
    return result;
  }
  if (!model) throw new RangeError('optimize() needs a reflectionModel unless the adapter has proposeNewTexts');
  for (const component of components) {
    const currentText = candidate[component] ?? '';
    const examples = dataset[component] ?? [];
    const prompt = buildReflectionPrompt(currentText, examples, template);
    try {
      const answer = await askReflectionModel(model, prompt, signal, {
        component,
        currentText,
        examples: [...examples],
      });
      const text = answer.truncated ? undefined : extractFencedText(answer.text);
      if (text === undefined) {
        result.failures.push({
          component,
          reason: 'invalid-output',
          detail: answer.truncated ? 'the answer hit the token limit' : 'no closed ``` block with text in the answer',
        });
      } else {
        result.texts[component] = text;
      }
    } catch (error) {
      result.failures.push({
        component,
        reason: 'reflection-error',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}
