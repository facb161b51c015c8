import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { RunCoordinator } from '../runs/run-coordinator';
import { isFinalStatus, type RunState } from '../runs/run-state';
import { toRunDetail } from '../runs/run-view';
import { createRunBodySchema } from '../schemas/run';
import { describeEvent } from './describe-event';

const FAILED_STATUSES = new Set(['failed', 'cancelled', 'interrupted']);

/**
 * `run_goal`: runs the AIME loop on a goal and answers with the final answer and the report.
 * While it runs, each plan, task and progress event is sent as `notifications/progress` (when the
 * client asked with a progress token); cancelling the request cancels the run.
 */
export function registerRunGoalTool(server: McpServer, manager: RunCoordinator): void {
  const body = createRunBodySchema.shape;
  server.registerTool(
    'run_goal',
    {
      title: 'Run a goal with GEPA-AIME',
      description:
        'Plans the goal into a checklist, runs actors with workspace tools on each task and returns the final answer ' +
        'with the run report. Sends progress notifications while it runs; cancel the request to cancel the run.',
      inputSchema: {
        goal: body.goal.describe('What to achieve, in plain language'),
        maxIterations: body.maxIterations.describe('Planner iterations that run tasks (1-100, default 20)'),
        maxParallelActors: body.maxParallelActors.describe('Actors at the same time (1-16, default 3)'),
      },
      annotations: { destructiveHint: true, openWorldHint: false },
    },
    async (input, extra) => {
      const run = await manager.submit(input);
      const progressToken = extra._meta?.progressToken;
      let stopObserving = (): void => undefined;
      // Sent in order; the result waits for the last one (see the comment before the return).
      let notificationsSent: Promise<unknown> = Promise.resolve();
      const finished = new Promise<RunState>((resolve) => {
        stopObserving = manager.observe({
          onEvent: (state, event) => {
            if (state.id !== run.id || progressToken === undefined) return;
            const message = describeEvent(event);
            if (message === undefined) return;
            notificationsSent = notificationsSent.then(() =>
              extra
                .sendNotification({
                  method: 'notifications/progress',
                  params: { progressToken, progress: event.seq, message },
                })
                .catch(() => undefined),
            );
          },
          onRunChange: (state) => {
            if (state.id === run.id && isFinalStatus(state.status)) resolve(state);
          },
        });
        if (isFinalStatus(run.status)) resolve(run);
      });
      const cancel = (): void => void manager.cancel(run.id).catch(() => undefined);
      extra.signal.addEventListener('abort', cancel, { once: true });
      try {
        const state = await finished;
        // The SDK's client hands a notification to its handler a microtask after reading it, but
        // drops the request's progress handler as soon as the response is read: a last notification
        // read in the same chunk as the result is lost. Written first, and a turn of the event loop
        // before the result, "run completed" reaches clients that read promptly.
        await notificationsSent;
        await new Promise((resolve) => setImmediate(resolve));
        const detail = toRunDetail(state);
        const summary = `Run ${state.id} ${state.status}.`;
        return {
          content: [
            { type: 'text', text: state.finalAnswer?.trim() ? `${summary}\n\n${state.finalAnswer}` : summary },
            { type: 'text', text: JSON.stringify({ runId: state.id, status: state.status, report: detail.report }) },
          ],
          ...(FAILED_STATUSES.has(state.status) ? { isError: true } : {}),
        };
      } finally {
        stopObserving();
        extra.signal.removeEventListener('abort', cancel);
      }
    },
  );
}

export const runIdArgument = z.string().min(1).max(128).describe('A run id from run_goal or list_runs');
