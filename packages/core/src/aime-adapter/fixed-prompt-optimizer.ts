import type { ActivePrompt, PromptComponent, PromptOptimizer } from '../protocol/prompt-optimizer';

/**
 * A PromptOptimizer that always answers with one candidate's texts and learns nothing: how the
 * adapter injects a GEPA candidate into AIMEWorkflow. Components the candidate lacks fall back to
 * the workflow's defaults (empty text).
 */
export class FixedPromptOptimizer implements PromptOptimizer {
  constructor(
    private readonly candidate: Readonly<Record<string, string>>,
    private readonly candidateId = 'gepa-candidate',
  ) {}

  currentPrompt(component: PromptComponent): ActivePrompt {
    return { component, candidateId: `${this.candidateId}-${component}`, text: this.candidate[component] ?? '' };
  }

  async record(): Promise<[]> {
    return [];
  }
}
