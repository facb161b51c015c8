import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AIMEServices } from '../services';
import { SERVICE_VERSION } from '../version';
import { registerRunGoalTool } from './run-goal-tool';
import { registerRunQueryTools } from './run-query-tools';
import { registerRunResources } from './run-resources';

export type AIMEMCPServices = Pick<AIMEServices, 'manager' | 'gepa'>;

/**
 * GEPA-AIME as an MCP server: tools `run_goal`, `get_run`, `list_runs`; resources for each run's
 * checklist and the current GEPA prompts. Served over stdio by `aime mcp` and over Streamable
 * HTTP at `/mcp` (one server per session, all on the same run manager).
 */
export function createAIMEMCPServer(services: AIMEMCPServices): McpServer {
  const server = new McpServer(
    { name: 'gepa-aime', title: 'GEPA-AIME', version: SERVICE_VERSION },
    {
      capabilities: { tools: {}, resources: {} },
      instructions:
        'GEPA-AIME plans a goal into a checklist and runs tool-using actors on it. Call run_goal with a goal ' +
        '(it can take minutes; progress notifications report each task), then read the answer and report. ' +
        'get_run and list_runs inspect runs; aime://runs/{runId}/checklist is a run checklist.',
    },
  );
  registerRunGoalTool(server, services.manager);
  registerRunQueryTools(server, services.manager);
  registerRunResources(server, services.manager, services.gepa);
  return server;
}
