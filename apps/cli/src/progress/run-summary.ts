import type { WorkflowReport } from '@gepa-aime/core';
import type { TerminalStyle } from './terminal-style';

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** `completed · 3/3 tasks done · judge pass 0.90 · 1,234 tokens · 4.2 s` (`, 1 failed, 1 cancelled` when so) */
export function summaryLine(report: WorkflowReport, elapsedMs: number, style: TerminalStyle): string {
  const parents = new Set(report.tasks.map((task) => task.parentId));
  const leaves = report.tasks.filter((task) => !parents.has(task.id));
  const done = leaves.filter((task) => task.status === 'complete').length;
  const failed = leaves.filter((task) => task.status === 'failed').length;
  const cancelled = leaves.filter((task) => task.status === 'cancelled').length;
  const colour = report.status === 'completed' ? style.green : report.status === 'cancelled' ? style.yellow : style.red;
  const parts = [
    colour(report.status),
    `${done}/${leaves.length} tasks done${failed > 0 ? `, ${failed} failed` : ''}${cancelled > 0 ? `, ${cancelled} cancelled` : ''}`,
    ...(report.verdict ? [`judge ${report.verdict.verdict} ${report.verdict.score.toFixed(2)}`] : []),
    `${report.usage.total.totalTokens.toLocaleString('en-US')} tokens`,
    formatDuration(elapsedMs),
  ];
  return parts.join(' · ');
}

/** The final answer as text (or the error), then the one-line summary. */
export function formatOutcome(report: WorkflowReport, elapsedMs: number, style: TerminalStyle): string {
  const answer = report.finalAnswer.trim() || (report.error ? style.red(report.error) : style.dim('(no final answer)'));
  return `\n${answer}\n\n${summaryLine(report, elapsedMs, style)}\n`;
}
