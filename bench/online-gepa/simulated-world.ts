import type { FakeHandler } from '@gepa-aime/core/testing';
import type { BenchGoal } from './goal-suite';
import { actorReply } from './simulated-actor';
import { judgeReply } from './simulated-judge';
import { plannerReply } from './simulated-planner';

interface Message {
  role: string;
  content?: unknown;
  tool_calls?: Array<{ function: { name: string; arguments: string } }>;
}

export interface SimulatedWorld {
  /** The fake server's handler: planner, actor and judge requests by what they ask for. */
  handler: FakeHandler;
  /** The goal the next requests belong to (goals run one at a time). */
  enter(state: { seed: number; goal: BenchGoal; workspace: string }): void;
}

/**
 * The prompt-sensitive simulated model behind the fake OpenAI-compatible server: structured output
 * `aime_verdict` is the judge, `aime_plan` the planner, anything else an actor. Usage is left to the
 * client's estimate (4 characters per token), so longer prompts cost more tokens, as they would.
 */
export function createSimulatedWorld(): SimulatedWorld {
  let state: { seed: number; goal: BenchGoal; workspace: string } | undefined;
  const handler: FakeHandler = (body) => {
    if (!state) throw new Error('simulated world: no goal entered');
    const messages = (Array.isArray(body.messages) ? body.messages : []) as Message[];
    const format = body.response_format as { json_schema?: { name?: string } } | undefined;
    const schema = format?.json_schema?.name;
    const system = String(messages[0]?.content ?? '');
    const user = String(messages.find((message) => message.role === 'user')?.content ?? '');
    const reply =
      schema === 'aime_verdict'
        ? judgeReply(user, state.goal, state.workspace)
        : schema === 'aime_plan'
          ? plannerReply(system, user, state.goal)
          : actorReply(messages, { seed: state.seed, goal: state.goal });
    return { ...reply, usage: null };
  };
  return {
    handler,
    enter: (next) => {
      state = next;
    },
  };
}
