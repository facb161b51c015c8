import type { TokenUsage } from '../llm/types';
import type { WorkflowReport } from '../protocol/run-events';

type Usage = WorkflowReport['usage']['total'];

/** Sums token usage in total and per role (planner, actor, reflection …). */
export class UsageTracker {
  private readonly total: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  private readonly byRole: Record<string, Usage> = {};

  add(role: string, usage: Pick<TokenUsage, 'promptTokens' | 'completionTokens' | 'totalTokens'>): void {
    const entry = this.byRole[role] ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    this.byRole[role] = entry;
    for (const target of [this.total, entry]) {
      target.promptTokens += usage.promptTokens;
      target.completionTokens += usage.completionTokens;
      target.totalTokens += usage.totalTokens;
    }
  }

  snapshot(): WorkflowReport['usage'] {
    return {
      total: { ...this.total },
      byRole: Object.fromEntries(Object.entries(this.byRole).map(([role, usage]) => [role, { ...usage }])),
    };
  }
}
