import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GEPAMetricsSource } from '../gepa/gepa-metrics-source';
import type { RunCoordinator } from '../runs/run-coordinator';

export const GEPA_PROMPTS_URI = 'aime://gepa/prompts';
const LISTED_RUNS = 50;

export function checklistUri(runId: string): string {
  return `aime://runs/${encodeURIComponent(runId)}/checklist`;
}

/**
 * Resources: each run's checklist as markdown (`aime://runs/{runId}/checklist`, the 50 newest
 * listed) and the prompts GEPA currently uses (`aime://gepa/prompts`).
 */
export function registerRunResources(server: McpServer, manager: RunCoordinator, gepa: GEPAMetricsSource): void {
  server.registerResource(
    'run-checklist',
    new ResourceTemplate('aime://runs/{runId}/checklist', {
      list: async () => ({
        resources: manager.list({ limit: LISTED_RUNS }).runs.map((run) => ({
          uri: checklistUri(run.id),
          name: `checklist ${run.id}`,
          description: `${run.status}: ${run.goal.slice(0, 120)}`,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    { title: 'Run checklist', description: "A run's hierarchical checklist (markdown)", mimeType: 'text/markdown' },
    async (uri, variables) => {
      const runId = decodeURIComponent(String(variables.runId));
      const run = manager.require(runId);
      const text = run.markdown.trim()
        ? run.markdown
        : `# ${run.goal}\n\n(no checklist yet: the run is ${run.status})\n`;
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
  server.registerResource(
    'gepa-prompts',
    GEPA_PROMPTS_URI,
    {
      title: 'Current GEPA prompts',
      description: 'The planner and actor prompts the online GEPA optimizer currently uses',
      mimeType: 'text/markdown',
    },
    async (uri) => {
      const metrics = await gepa.metrics();
      const sections = Object.entries(metrics.current).map(
        ([component, current]) => `## ${component} (candidate ${current.candidateId})\n\n${current.prompt.trim()}\n`,
      );
      const header = `# Current GEPA prompts\n\nComposite score: ${metrics.compositeScore ?? 'n/a'} (threshold ${metrics.threshold}; source: ${metrics.source})\n`;
      const text = [
        header,
        ...(sections.length > 0 ? sections : ['(no prompts recorded yet: the defaults are in use)\n']),
      ].join('\n');
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
}
