/**
 * Detects an actor repeating itself: the same tool with the same arguments called `limit` times
 * within one task. Arguments are compared by their canonical JSON (key order ignored).
 */
export class ToolLoopDetector {
  private readonly counts = new Map<string, number>();
  readonly limit: number;

  constructor(limit = 3) {
    this.limit = limit;
  }

  /** Records a call; returns true when this call reaches the limit (it should not run). */
  record(tool: string, args: unknown): boolean {
    const key = `${tool} ${canonicalJson(args)}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count >= this.limit;
  }
}

export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return canonicalJson(JSON.parse(value));
    } catch {
      return JSON.stringify(value.trim());
    }
  }
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([key, entry]) => [key, sortKeys(entry)]),
    );
  }
  return value;
}
