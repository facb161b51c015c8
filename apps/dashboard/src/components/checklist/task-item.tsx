import { useRef } from 'react';
import { TaskStatusIcon } from '../status/task-status-icon';
import type { TaskTreeNode } from './build-task-tree';
import { TaskSummary } from './task-summary';

/** One checklist entry: status, title, criteria, who works on it with which tools, and what it found. */
export function TaskItem({ node }: { node: TaskTreeNode }) {
  const { task } = node;
  const tools = task.tools ?? task.bundles ?? [];
  // Only changes after the row appeared flash: opening a run (a replay) does not light up every row.
  const seqAtMount = useRef(task.updatedSeq);
  const changed = task.updatedSeq !== seqAtMount.current;
  return (
    <li className={`task task-${task.status}`} data-task-id={task.id} data-status={task.status}>
      <div className="task-card">
        {changed ? <span key={task.updatedSeq} className="task-flash" aria-hidden="true" /> : null}
        <TaskStatusIcon status={task.status} />
        <div className="task-body">
          <div className="task-heading">
            <span className="task-id">{task.id}</span>
            <span className="task-title">{task.title}</span>
          </div>
          {task.completionCriteria ? (
            <p className="task-criteria">
              <span className="task-label">Done when</span> {task.completionCriteria}
            </p>
          ) : null}
          {task.persona || tools.length > 0 ? (
            <div className="task-actor">
              {task.persona ? (
                <span className="task-persona" title={task.actor}>
                  {task.persona}
                </span>
              ) : null}
              {tools.length > 0 ? (
                <ul className="task-tools" aria-label="Tools">
                  {tools.map((tool) => (
                    <li key={tool} className="chip">
                      {tool}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {task.lastProgress && task.status === 'in_progress' ? (
            <p className="task-progress" aria-live="polite">
              {task.lastProgress}
            </p>
          ) : null}
          {task.summary && (task.status === 'complete' || task.status === 'failed' || task.status === 'cancelled') ? (
            <TaskSummary status={task.status} text={task.summary} />
          ) : null}
          {task.verdict ? (
            <p className={`task-verdict task-verdict-${task.verdict.verdict}`} data-testid="task-verdict">
              <span className="task-label">
                Judge: {task.verdict.verdict} {task.verdict.score.toFixed(2)}
                {task.claimedStatus && task.claimedStatus !== task.status
                  ? ` (actor claimed ${task.claimedStatus})`
                  : ''}
              </span>{' '}
              {task.verdict.feedback}
            </p>
          ) : null}
        </div>
      </div>
      {node.children.length > 0 ? (
        <ol className="task-children">
          {node.children.map((child) => (
            <TaskItem key={child.task.id} node={child} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
