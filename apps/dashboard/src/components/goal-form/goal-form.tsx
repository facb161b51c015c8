import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { createRun } from '../../api/runs-api';
import type { CreateRunBody, RunSummary } from '../../api/types';

interface GoalFormProps {
  onCreated: (run: RunSummary) => void;
}

function parseOptionalInteger(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/**
 * Starts a run. Validation is the server's job (it names the offending field in a 400), so the form
 * sends what was typed and shows that message verbatim.
 */
export function GoalForm({ onCreated }: GoalFormProps) {
  const [goal, setGoal] = useState('');
  const [maxIterations, setMaxIterations] = useState('');
  const [maxParallelActors, setMaxParallelActors] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [invalidFields, setInvalidFields] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const id = useId();

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    setInvalidFields([]);
    const input: CreateRunBody = { goal: goal.trim() };
    const iterations = parseOptionalInteger(maxIterations);
    const parallel = parseOptionalInteger(maxParallelActors);
    if (iterations !== undefined) input.maxIterations = iterations;
    if (parallel !== undefined) input.maxParallelActors = parallel;
    try {
      const created = await createRun(input);
      onCreated({ id: created.id, goal: input.goal, status: created.status, createdAt: Date.now() });
      setGoal('');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setInvalidFields(caught instanceof ApiError ? caught.fields.map((path) => path.replace(/^body\./, '')) : []);
    } finally {
      setSubmitting(false);
    }
  }

  /** The field the server named is marked invalid and described by its message. */
  function fieldState(name: string) {
    const invalid = invalidFields.includes(name);
    return {
      'aria-invalid': invalid ? true : undefined,
      'aria-describedby': invalid ? `${id}-error` : name === 'goal' ? `${id}-hint` : undefined,
    };
  }

  function onGoalKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  }

  return (
    <form className="goal-form panel" aria-label="Start a goal" noValidate onSubmit={submit}>
      <h2 className="panel-title">New mission</h2>
      <label htmlFor={`${id}-goal`} className="field-label">
        Goal
      </label>
      <textarea
        id={`${id}-goal`}
        name="goal"
        rows={3}
        value={goal}
        placeholder="e.g. Summarise the repository layout and propose next steps"
        onChange={(event) => setGoal(event.target.value)}
        onKeyDown={onGoalKeyDown}
        {...fieldState('goal')}
      />
      <details className="goal-limits" open={invalidFields.some((field) => field !== 'goal') || undefined}>
        <summary>Limits</summary>
        <div className="goal-limits-fields">
          <label>
            <span className="field-label">Max iterations</span>
            <input
              name="maxIterations"
              inputMode="numeric"
              value={maxIterations}
              {...fieldState('maxIterations')}
              placeholder="default"
              onChange={(event) => setMaxIterations(event.target.value)}
            />
          </label>
          <label>
            <span className="field-label">Parallel actors</span>
            <input
              name="maxParallelActors"
              inputMode="numeric"
              value={maxParallelActors}
              {...fieldState('maxParallelActors')}
              placeholder="default"
              onChange={(event) => setMaxParallelActors(event.target.value)}
            />
          </label>
        </div>
      </details>
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="field-hint">
          Ctrl+Enter to launch
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={submitting}>
        {submitting ? 'Launching…' : 'Launch run'}
      </button>
    </form>
  );
}
