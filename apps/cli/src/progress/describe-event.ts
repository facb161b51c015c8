import type { RunEvent } from '@gepa-aime/core';
import type { TerminalStyle } from './terminal-style';

type EventOfType<Type extends RunEvent['type']> = Extract<RunEvent, { type: Type }>;
type EventLine<Type extends RunEvent['type']> = (event: EventOfType<Type>, style: TerminalStyle) => string | undefined;

const SUMMARY_LENGTH = 200;

function shorten(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/**
 * One progress line per milestone, keyed by event type; events without an entry print nothing.
 * A new kind of line (e.g. a judge's verdict) is one more entry here. The run's end is the
 * summary line (run-summary.ts), printed by the caller.
 */
export const EVENT_LINES: { [Type in RunEvent['type']]?: EventLine<Type> } = {
  'plan-update': (event, style) =>
    style.cyan(
      `· plan ${event.iteration}: ${event.tasks.length} task(s)${event.fallback ? ' (fallback decomposition)' : ''} — ${shorten(event.rationale, SUMMARY_LENGTH)}`,
    ),
  'task-start': (event, style) =>
    `${style.bold('▸')} [${event.taskId}] ${event.title} ${style.dim(`(${event.persona})`)}`,
  'tool-call': (event, style) => style.dim(`    ${event.tool} ${shorten(JSON.stringify(event.args), 120)}`),
  'tool-result': (event, style) =>
    event.ok ? undefined : style.yellow(`    ${event.tool} failed: ${shorten(event.error ?? event.output, 160)}`),
  'task-end': (event, style) => {
    const marker =
      event.status === 'complete'
        ? style.green('✓')
        : event.status === 'cancelled'
          ? style.yellow('~')
          : style.red('✗');
    return `${marker} [${event.taskId}] ${shorten(event.summary, SUMMARY_LENGTH)}`;
  },
};

export function describeEvent(event: RunEvent, style: TerminalStyle): string | undefined {
  const line = EVENT_LINES[event.type] as EventLine<typeof event.type> | undefined;
  return line?.(event as never, style);
}
