import { type PlannerState, plannerStateSchema } from '../protocol/planner-state';

export const PLANNER_STATE_HEADING = 'State (JSON):';

export function renderPlannerRequest(state: PlannerState, checklist: string): string {
  const finished = state.tasks.filter(
    (task) => task.status === 'complete' || task.status === 'failed' || task.status === 'cancelled',
  );
  const results =
    finished.length === 0
      ? '(none yet)'
      : finished.map((task) => `- [${task.id}] ${task.title} — ${task.status}: ${task.summary ?? ''}`).join('\n');
  const lines = [
    `Goal: ${state.goal}`,
    state.tasks.length === 0
      ? 'This is the first iteration: decompose the goal into a checklist and choose the first task(s).'
      : `Iteration ${state.iteration} of at most ${state.maxIterations}.`,
  ];
  if (state.replanReason) lines.push(`Re-plan required: ${state.replanReason}`);
  if (state.bundles && Object.keys(state.bundles).length > 0) {
    const mcp = new Set(state.mcpBundles ?? []);
    lines.push(
      '',
      'Tool bundles you can assign to a task (update_progress is always included):',
      ...Object.entries(state.bundles).map(([name, tools]) => {
        const server = mcp.has(name) ? ` (MCP server "${name}": its tools are named ${name}__<tool>)` : '';
        const description = state.bundleDescriptions?.[name] ? ` — ${state.bundleDescriptions[name]}` : '';
        return `- ${name}${server}${description}: ${tools.join(', ') || '(no tools)'}`;
      }),
    );
  }
  lines.push(
    '',
    'Checklist:',
    state.tasks.length === 0 ? '(empty)' : checklist,
    '',
    'Results so far:',
    results,
    '',
    `Ready to run (pending, dependencies complete): ${state.ready.length === 0 ? '(none)' : state.ready.join(', ')}`,
    '',
    PLANNER_STATE_HEADING,
    '```json',
    JSON.stringify(state),
    '```',
    '',
    'Answer with the JSON object only.',
  );
  return lines.join('\n');
}

/** Reads the state block back from a planner request (undefined when absent or malformed). */
export function parsePlannerState(text: string): PlannerState | undefined {
  const start = text.lastIndexOf(PLANNER_STATE_HEADING);
  if (start < 0) return undefined;
  const match = /```json\n([\s\S]*?)\n```/.exec(text.slice(start));
  if (!match?.[1]) return undefined;
  try {
    const parsed = plannerStateSchema.safeParse(JSON.parse(match[1]));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
