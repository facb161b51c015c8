import { useId, useState } from 'react';

/** Results longer than this are shown clamped to four lines until expanded. */
export const LONG_SUMMARY_CHARACTERS = 240;

interface TaskSummaryProps {
  status: 'complete' | 'failed' | 'cancelled';
  text: string;
}

/** A task's result: clamped to four lines when long, with a button that shows all of it. */
export function TaskSummary({ status, text }: TaskSummaryProps) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const long = text.length > LONG_SUMMARY_CHARACTERS || text.split('\n').length > 4;
  const className = `task-summary task-summary-${status}${long && !expanded ? ' task-summary-clamped' : ''}`;
  return (
    <>
      <p id={id} className={className}>
        {text}
      </p>
      {long ? (
        <button
          type="button"
          className="task-summary-toggle"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? 'Show less' : 'Show the whole result'}
        </button>
      ) : null}
    </>
  );
}
