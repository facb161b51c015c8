import type { Tool } from '../tools/types';
import { type ActorReportInput, actorReportSchema, FINISH_TOOL_NAME } from './actor-report';

/**
 * The `finish` tool ends an actor's ReAct loop with its structured report. The actor intercepts
 * the call; `execute` only echoes (it is never run through the tool executor).
 */
export const finishTool: Tool<ActorReportInput> = {
  name: FINISH_TOOL_NAME,
  description:
    'End the subtask with your report: status complete or failed, a summary that states the result itself, and references.',
  parameters: actorReportSchema as unknown as Tool<ActorReportInput>['parameters'],
  async execute(args) {
    return { output: `Finished (${args.status}).`, references: args.references };
  },
};
