import { z } from 'zod';
import { taskStatusSchema } from '../../protocol/task-status';
import type { Tool } from '../types';

export const updateProgressParameters = z.object({
  status: taskStatusSchema
    .exclude(['cancelled'])
    .describe('in_progress while working; complete or failed when you are done'),
  message: z.string().min(1).max(2000).describe('What was done or found, or what went wrong'),
});
export type UpdateProgressArguments = z.infer<typeof updateProgressParameters>;

export const UPDATE_PROGRESS_TOOL_NAME = 'update_progress';

/** Reports the current task's progress mid-task (AIME's update_progress); always in every actor's toolset. */
export const updateProgressTool: Tool<UpdateProgressArguments> = {
  name: UPDATE_PROGRESS_TOOL_NAME,
  description:
    'Report progress on your current task: status (in_progress, complete or failed) and a short message. ' +
    'Does not end the task; finish with your final answer.',
  parameters: updateProgressParameters,
  async execute(args, context) {
    context.reportProgress(args.status, args.message);
    return { output: `Progress recorded for task ${context.taskId}: ${args.status} — ${args.message}` };
  },
};
