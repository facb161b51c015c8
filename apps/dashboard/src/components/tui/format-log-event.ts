import type { LogEvent } from '../../state/run-state';

export type TerminalTone =
  | 'plan'
  | 'start'
  | 'thought'
  | 'action'
  | 'observation'
  | 'progress'
  | 'success'
  | 'error'
  | 'cancelled'
  | 'end';

export interface TerminalLine {
  key: string;
  tone: TerminalTone;
  prefix: string;
  /** The MCP bundle (server) the line's tool comes from, shown as a badge before the text. */
  bundle?: string;
  text: string;
}

const maxLineLength = 600;

/** How a task's end reads in the tail: done, failed, or cut short by a cancel (no failure). */
const taskEndings = {
  complete: { tone: 'success', glyph: '✔' },
  failed: { tone: 'error', glyph: '✗' },
  cancelled: { tone: 'cancelled', glyph: '⊘' },
} as const satisfies Record<string, { tone: TerminalTone; glyph: string }>;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLineLength ? `${flat.slice(0, maxLineLength)}…` : flat;
}

function formatArgs(args: unknown): string {
  if (args === undefined || args === null) return '';
  if (typeof args === 'string') return args;
  try {
    return JSON.stringify(args);
  } catch {
    return String(args);
  }
}

/** One event of the tail → the terminal lines it prints (a step prints thought → action → observation). */
export function formatLogEvent(event: LogEvent): TerminalLine[] {
  const key = String(event.seq);
  switch (event.type) {
    case 'plan-update':
      return [
        {
          key,
          tone: 'plan',
          prefix: '◆ plan',
          text: clip(`iteration ${event.iteration}: ${event.rationale || 'checklist updated'}`),
        },
      ];
    case 'task-start':
      return [
        {
          key,
          tone: 'start',
          prefix: `▶ ${event.taskId}`,
          text: clip(
            `${event.actor} · ${event.persona}${event.tools.length ? ` · tools: ${event.tools.join(', ')}` : ''}`,
          ),
        },
      ];
    case 'actor-step': {
      const lines: TerminalLine[] = [];
      if (event.thought)
        lines.push({
          key: `${key}t`,
          tone: 'thought',
          prefix: `  ${event.taskId}#${event.step} thought`,
          text: clip(event.thought),
        });
      if (event.action)
        lines.push({
          key: `${key}a`,
          tone: 'action',
          prefix: '  → action',
          ...(event.bundle ? { bundle: event.bundle } : {}),
          text: clip(`${event.action}(${formatArgs(event.args)})`),
        });
      if (event.observation)
        lines.push({ key: `${key}o`, tone: 'observation', prefix: '  ← observation', text: clip(event.observation) });
      return lines;
    }
    case 'tool-result':
      return [
        {
          key,
          tone: 'error',
          prefix: `  ✗ ${event.tool}`,
          ...(event.bundle ? { bundle: event.bundle } : {}),
          text: clip(event.error ?? event.output),
        },
      ];
    case 'progress-update':
      return [{ key, tone: 'progress', prefix: `  • ${event.taskId}`, text: clip(event.message) }];
    case 'task-end': {
      const ending = taskEndings[event.status === 'complete' || event.status === 'cancelled' ? event.status : 'failed'];
      return [{ key, tone: ending.tone, prefix: `${ending.glyph} ${event.taskId}`, text: clip(event.summary) }];
    }
    case 'run-end':
      return [
        {
          key,
          tone: event.status === 'completed' ? 'success' : 'end',
          prefix: '■ run',
          text: event.status + (event.error ? ` — ${clip(event.error)}` : ''),
        },
      ];
  }
}
