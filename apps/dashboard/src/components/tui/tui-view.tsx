import { type CSSProperties, useLayoutEffect, useRef } from 'react';
import type { LogEvent, TaskView } from '../../state/run-state';
import { formatLogEvent } from './format-log-event';
import { parseChecklistLine, renderChecklistMarkdown } from './render-checklist-markdown';

interface TuiViewProps {
  goal?: string;
  tasks: readonly TaskView[];
  log: readonly LogEvent[];
  title?: string;
  /** False once the run ended. */
  live?: boolean;
}

/** Follows the tail like `tail -f`, unless the reader has scrolled up to read. */
function useStickToBottom() {
  const element = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // after every render: new lines may have arrived
  useLayoutEffect(() => {
    const node = element.current;
    if (node && pinned.current) node.scrollTop = node.scrollHeight;
  });
  const onScroll = () => {
    const node = element.current;
    if (node) pinned.current = node.scrollHeight - node.scrollTop - node.clientHeight < 24;
  };
  return { element, onScroll };
}

/** The checklist as a terminal (the seed's TUI) and a scrolling tail of the actors' steps. */
export function TuiView({ goal, tasks, log, title = 'aime', live = true }: TuiViewProps) {
  const lines = tasks.length === 0 ? [] : renderChecklistMarkdown(tasks, goal).split('\n');
  const terminalLines = log.flatMap(formatLogEvent);
  const tail = useStickToBottom();
  return (
    <section className="tui panel-dark" aria-labelledby="tui-title">
      <header className="tui-bar">
        <span className="tui-lights" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        <h2 className="tui-title" id="tui-title">
          Terminal — {title}
        </h2>
      </header>
      <section className="tui-pane tui-pane-checklist" aria-labelledby="tui-checklist-title">
        <h3 className="tui-rule" id="tui-checklist-title">
          checklist.md
        </h3>
        <pre
          className="tui-checklist"
          data-testid="tui-checklist"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the checklist scrolls when it is long, so it must be reachable by keyboard
          tabIndex={0}
        >
          {lines.length === 0 ? (
            <span className="tui-muted">{live ? '$ waiting for the first plan…' : '$ no plan was made'}</span>
          ) : (
            lines.map((line, index) => {
              const parsed = parseChecklistLine(line);
              return (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the checklist order is the key
                  key={index}
                  className={`tui-line tui-line-${parsed.kind}`}
                  style={{ '--hang': parsed.hang } as CSSProperties}
                >
                  {parsed.lead}
                  {parsed.marker ? (
                    <span className={`tui-marker tui-marker-${parsed.status}`}>{parsed.marker}</span>
                  ) : null}
                  {parsed.marker ? ' ' : ''}
                  {parsed.text}
                  {'\n'}
                </span>
              );
            })
          )}
        </pre>
      </section>
      <div className="tui-pane tui-pane-tail">
        <h3 className="tui-rule">actor steps</h3>
        <div className="tui-tail-frame">
          <div
            className="tui-tail"
            role="log"
            aria-label="Actor steps"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling log must be reachable by keyboard
            tabIndex={0}
            ref={tail.element}
            onScroll={tail.onScroll}
            data-testid="tui-tail"
          >
            {terminalLines.length === 0 ? <div className="tui-muted">$ tail -f actor steps</div> : null}
            {terminalLines.map((line) => (
              <div key={line.key} className={`tui-entry tui-${line.tone}`}>
                <span className="tui-prefix">{line.prefix}</span>{' '}
                {line.bundle ? (
                  <>
                    <span className="tui-bundle" title={`Tool of the MCP server "${line.bundle}"`}>
                      MCP {line.bundle}
                    </span>{' '}
                  </>
                ) : null}
                <span className="tui-text">{line.text}</span>
              </div>
            ))}
            {live ? (
              <div className="tui-cursor" aria-hidden="true">
                ▍
              </div>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}
