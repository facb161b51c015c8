import type { RunStatus } from '@gepa-aime/core';
import type { RunState } from './run-state';

export interface RunListQuery {
  status?: RunStatus[];
  cursor?: string;
  limit: number;
}

export interface RunListPage {
  runs: RunState[];
  nextCursor: string | null;
}

/** Newest first (createdAt, then id, both descending); the cursor names the last run of a page. */
export function listRuns(runs: Iterable<RunState>, query: RunListQuery): RunListPage {
  const statuses = query.status && query.status.length > 0 ? new Set(query.status) : undefined;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const sorted = [...runs]
    .filter((run) => statuses === undefined || statuses.has(run.status))
    .sort(compareNewestFirst)
    .filter((run) => after === undefined || compareNewestFirst(run, after) > 0);
  const page = sorted.slice(0, query.limit);
  const last = page.at(-1);
  return {
    runs: page,
    nextCursor: last !== undefined && sorted.length > page.length ? encodeCursor(last) : null,
  };
}

interface CursorPosition {
  createdAt: number;
  id: string;
}

function compareNewestFirst(left: CursorPosition, right: CursorPosition): number {
  if (left.createdAt !== right.createdAt) return right.createdAt - left.createdAt;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}

export function encodeCursor(run: CursorPosition): string {
  return Buffer.from(JSON.stringify([run.createdAt, run.id])).toString('base64url');
}

/** `undefined` when the cursor is not one this server produced. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
