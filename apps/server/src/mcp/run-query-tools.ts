import { runStatusSchema } from '@gepa-aime/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { RunCoordinator } from '../runs/run-coordinator';
import { toRunDetail, toRunSummary } from '../runs/run-view';
import { runIdArgument } from './run-goal-tool';

/** `get_run` (status, checklist, answer, report of one run) and `list_runs` (newest first). */
export function registerRunQueryTools(server: McpServer, manager: RunCoordinator): void {
  server.registerTool(
    'get_run',
    {
      title: 'Get a GEPA-AIME run',
      description: 'Status, checklist (markdown), tasks, final answer and report of one run.',
      inputSchema: { runId: runIdArgument },
      annotations: { readOnlyHint: true },
    },
    async ({ runId }) => {
      const run = manager.get(runId);
      if (!run) return { isError: true, content: [{ type: 'text', text: `No run with id ${runId}` }] };
      return { content: [{ type: 'text', text: JSON.stringify(toRunDetail(run)) }] };
    },
  );
  server.registerTool(
    'list_runs',
    {
      title: 'List GEPA-AIME runs',
      description: 'Runs newest first: id, goal, status, task counts, token usage.',
      inputSchema: {
        limit: z.number().int().min(1).max(100).optional().describe('How many (default 20)'),
        status: z.array(runStatusSchema).optional().describe('Only runs with these statuses'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ limit, status }) => {
      const page = manager.list({ limit: limit ?? 20, ...(status ? { status } : {}) });
      return { content: [{ type: 'text', text: JSON.stringify({ runs: page.runs.map(toRunSummary) }) }] };
    },
  );
}
