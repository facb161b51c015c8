import type { GEPACandidate } from '../../api/types';
import { diffLines } from './line-diff';

interface PromptDiffProps {
  component: string;
  candidateId: string;
  prompt: string;
  parent?: GEPACandidate;
}

const markers = { same: ' ', added: '+', removed: '-' } as const;

/** A component's current prompt, with the lines its reflective mutation added and removed. */
export function PromptDiff({ component, candidateId, prompt, parent }: PromptDiffProps) {
  const lines = parent
    ? diffLines(parent.prompt, prompt)
    : prompt.split('\n').map((text) => ({ kind: 'same' as const, text }));
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <section className="prompt-diff" aria-label={`Current ${component} prompt`}>
      <header className="prompt-diff-header">
        <h3 className="subsection-title">{component} prompt</h3>
        <span className="panel-meta">
          <code>{candidateId}</code>
          {parent ? (
            <>
              {' '}
              vs parent <code>{parent.id}</code> · <span className="diff-added-count">+{added}</span>{' '}
              <span className="diff-removed-count">−{removed}</span>
            </>
          ) : (
            ' · seed prompt (no parent)'
          )}
        </span>
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <pre className="diff-body" tabIndex={0}>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
          <span key={index} className={`diff-line diff-${line.kind}`}>
            <span className="diff-marker" aria-hidden="true">
              {markers[line.kind]}
            </span>
            <span className="sr-only">{line.kind === 'same' ? '' : `${line.kind}: `}</span>
            {line.text || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}
