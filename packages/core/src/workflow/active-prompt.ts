import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../actors/actor-prompt';
import { DEFAULT_PLANNER_PROMPT } from '../planner/planner-prompt';
import type { ActivePrompt, PromptComponent, PromptOptimizer } from '../protocol/prompt-optimizer';

/** The optimizer's current prompt for a component, or the built-in one while it has no text. */
export function activePrompt(optimizer: PromptOptimizer | undefined, component: PromptComponent): ActivePrompt {
  const fromOptimizer = optimizer?.currentPrompt(component);
  if (fromOptimizer?.text) return fromOptimizer;
  // No evolved text yet: the default prompt, under the optimizer's id for it when there is one.
  return {
    component,
    candidateId: fromOptimizer?.candidateId || 'default',
    text: component === 'planner' ? DEFAULT_PLANNER_PROMPT : DEFAULT_ACTOR_PROMPT_TEMPLATE,
  };
}
