import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { createRun } from '../../api/runs-api';
import type { RunSummary } from '../../api/types';
import {
  checkGoalForm,
  type FieldProblems,
  type GoalFormField,
  type GoalFormValues,
  LIMITS,
  problemsFromServer,
  toCreateRunBody,
} from './goal-form-fields';

interface GoalFormProps {
  onCreated: (run: RunSummary) => void;
}

const EMPTY: GoalFormValues = { goal: '', maxIterations: '', maxParallelActors: '' };

/**
 * Starts a run. The form checks what it can (an empty goal, limits outside their ranges) before
 * sending; anything else the server refuses comes back as a 400 naming the field, shown with the
 * field's label. Invalid fields get a red border and are described by the message.
 */
export function GoalForm({ onCreated }: GoalFormProps) {
  const [values, setValues] = useState<GoalFormValues>(EMPTY);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const limitInputs = useRef<Partial<Record<GoalFormField, HTMLInputElement | null>>>({});
  const id = useId();

  function setValue(field: GoalFormField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (submitting) return;
    const unreadable = {
      maxIterations: limitInputs.current.maxIterations?.validity.badInput === true,
      maxParallelActors: limitInputs.current.maxParallelActors?.validity.badInput === true,
    };
    const found = checkGoalForm(values, unreadable);
    setProblems(found);
    setError(Object.values(found).join('. ') || null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    const input = toCreateRunBody(values);
    try {
      const created = await createRun(input);
      onCreated({ id: created.id, goal: input.goal, status: created.status, createdAt: Date.now() });
      setValues((current) => ({ ...current, goal: '' }));
    } catch (caught) {
      const fromServer = caught instanceof ApiError ? problemsFromServer(caught.fields) : {};
      setProblems(fromServer);
      const messages = Object.values(fromServer);
      setError(messages.length > 0 ? messages.join('. ') : caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSubmitting(false);
    }
  }

  /** An invalid field is marked and described by the message under the form. */
  function fieldState(name: GoalFormField) {
    const invalid = problems[name] !== undefined;
    return {
      'aria-invalid': invalid ? true : undefined,
      'aria-describedby': invalid ? `${id}-error` : name === 'goal' ? `${id}-hint` : undefined,
    };
  }

  function onGoalKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  }

  const limitsOpen = problems.maxIterations !== undefined || problems.maxParallelActors !== undefined;

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
        value={values.goal}
        placeholder="e.g. Summarise the repository layout and propose next steps"
        onChange={(event) => setValue('goal', event.target.value)}
        onKeyDown={onGoalKeyDown}
        {...fieldState('goal')}
      />
      <details className="goal-limits" open={limitsOpen || undefined}>
        <summary>Limits</summary>
        <div className="goal-limits-fields">
          {(['maxIterations', 'maxParallelActors'] as const).map((field) => (
            <label key={field}>
              <span className="field-label">{LIMITS[field].label}</span>
              <input
                ref={(element) => {
                  limitInputs.current[field] = element;
                }}
                name={field}
                type="number"
                inputMode="numeric"
                min={LIMITS[field].min}
                max={LIMITS[field].max}
                step={1}
                value={values[field]}
                placeholder={`${LIMITS[field].min}–${LIMITS[field].max}`}
                onChange={(event) => setValue(field, event.target.value)}
                {...fieldState(field)}
              />
            </label>
          ))}
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
