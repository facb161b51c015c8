import {
  type ActivePrompt,
  DEFAULT_ACTOR_PROMPT_TEMPLATE,
  DEFAULT_PLANNER_PROMPT,
  type PromptComponent,
  type PromptOptimizer,
  type TaskOutcome,
} from '@gepa-aime/core';

/**
 * The Python seed's online rule as a baseline: per component, when the mean of the last
 * `windowSize` scores (after at least `minTraces` since the last change) falls below `threshold`,
 * append "Reminder: <the latest failure's feedback>" to that component's prompt. Nothing is ever
 * tried, measured or rolled back; reminders only accumulate.
 */
export class ReminderOptimizer implements PromptOptimizer {
  reminders = 0;
  private readonly texts: Record<PromptComponent, string> = {
    planner: DEFAULT_PLANNER_PROMPT,
    actor: DEFAULT_ACTOR_PROMPT_TEMPLATE,
  };
  private readonly windows: Record<PromptComponent, number[]> = { planner: [], actor: [] };
  private readonly sinceChange: Record<PromptComponent, number> = { planner: 0, actor: 0 };

  constructor(private readonly settings: { windowSize: number; threshold: number; minTraces: number }) {}

  currentPrompt(component: PromptComponent): ActivePrompt {
    return { component, candidateId: `${component}-reminders-${this.reminders}`, text: this.texts[component] };
  }

  async record(outcome: TaskOutcome): Promise<[]> {
    const window = this.windows[outcome.component];
    window.push(outcome.score);
    if (window.length > this.settings.windowSize) window.shift();
    this.sinceChange[outcome.component] += 1;
    const mean = window.reduce((sum, score) => sum + score, 0) / window.length;
    if (
      outcome.score < 1 &&
      this.sinceChange[outcome.component] >= this.settings.minTraces &&
      mean < this.settings.threshold
    ) {
      this.texts[outcome.component] += `\nReminder: ${outcome.feedback.replace(/\s+/g, ' ').slice(0, 240)}`;
      this.sinceChange[outcome.component] = 0;
      this.reminders += 1;
    }
    return [];
  }
}
