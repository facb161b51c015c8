import type { TaskView } from '../../state/run-state';
import { buildTaskTree } from './build-task-tree';
import { TaskItem } from './task-item';

interface ChecklistProps {
  tasks: readonly TaskView[];
  iteration?: number;
  /** False once the run ended: tasks left in progress stop spinning (they were interrupted). */
  live?: boolean;
}

function count(tasks: readonly TaskView[], status: TaskView['status']): number {
  return tasks.filter((task) => task.status === status).length;
}

/** `2/5 complete · 1 failed · 1 cancelled · iteration 3` (zero counts left out). */
function describeCounts(tasks: readonly TaskView[], iteration: number | undefined): string {
  const parts = [`${count(tasks, 'complete')}/${tasks.length} complete`];
  for (const status of ['failed', 'cancelled'] as const) {
    const number = count(tasks, status);
    if (number > 0) parts.push(`${number} ${status}`);
  }
  if (iteration) parts.push(`iteration ${iteration}`);
  return parts.join(' · ');
}

/** The run's ordered, hierarchical checklist as the planner keeps it, live. */
export function Checklist({ tasks, iteration, live = true }: ChecklistProps) {
  const tree = buildTaskTree(tasks);
  const done = count(tasks, 'complete');
  const percent = tasks.length === 0 ? 0 : Math.round((done / tasks.length) * 100);
  return (
    <section className={`checklist panel${live ? '' : ' checklist-stopped'}`} aria-labelledby="checklist-title">
      <header className="panel-header">
        <h2 className="panel-title" id="checklist-title">
          Checklist
        </h2>
        <span className="panel-meta">{describeCounts(tasks, iteration)}</span>
      </header>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Tasks complete"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {tree.length === 0 ? (
        <p className="empty-note">{live ? 'Waiting for the planner…' : 'The run ended before the first plan.'}</p>
      ) : (
        <ol className="task-list" aria-label="Tasks">
          {tree.map((node) => (
            <TaskItem key={node.task.id} node={node} />
          ))}
        </ol>
      )}
    </section>
  );
}
