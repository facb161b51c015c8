import type { PlannedTask } from './plan-schema';

const ACTION_VERBS = new Set(
  `add analyse analyze assess audit build calculate check collect compare compile compute count create define describe
design document draft edit estimate evaluate examine explain explore extract fetch find fix gather generate give identify
implement improve inspect investigate list locate look make map note open outline plan prepare produce propose read
recommend refactor remove report research review run save scan search show sketch state suggest summarise summarize
tell test update verify write`.split(/\s+/),
);

/**
 * Deterministic decomposition of a goal into sequential tasks: one task per sentence, and one per
 * clause where "and", "then" or ";" joins two instructions ("Read X and write Y" → two tasks).
 * The planner's fallback and the offline model's planner skill both use it.
 */
export function decomposeGoal(goal: string): PlannedTask[] {
  const clauses = splitIntoClauses(goal);
  const titles = clauses.length > 0 ? clauses : [goal.trim() || 'Work on the goal'];
  return titles.map((title, index) => ({
    id: String(index + 1),
    title,
    completionCriteria: completionCriteriaFor(title),
    dependsOn: index === 0 ? [] : [String(index)],
    persona: personaFor(title),
    bundles: ['default'],
    contingencyFor: '',
    children: [],
  }));
}

export function splitIntoClauses(goal: string): string[] {
  const sentences = goal
    .split(/(?<=[.!?])\s+|;\s*|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
  const clauses: string[] = [];
  for (const sentence of sentences) {
    const parts = sentence.split(/,?\s+(?:and then|then|and|after that|finally)\s+(?=\S)/i);
    let current = parts[0] ?? '';
    for (const part of parts.slice(1)) {
      const firstWord = part.split(/\s+/)[0]?.toLowerCase() ?? '';
      if (ACTION_VERBS.has(firstWord)) {
        clauses.push(current);
        current = part;
      } else {
        current = `${current} and ${part}`;
      }
    }
    clauses.push(current);
  }
  return clauses.map(cleanClause).filter((clause) => clause.length > 0);
}

function cleanClause(clause: string): string {
  const trimmed = clause
    .trim()
    .replace(/^(?:and then|then|and|finally|after that|next|also),?\s+/i, '')
    .replace(/[.!?,;:]+$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

function firstVerb(title: string): string {
  return title.split(/\s+/)[0]?.toLowerCase() ?? '';
}

export function completionCriteriaFor(title: string): string {
  const verb = firstVerb(title);
  const path = /\b([\w./-]+\.[A-Za-z0-9]{1,8})\b/.exec(title)?.[1];
  if (['write', 'save', 'create', 'draft', 'generate', 'produce'].includes(verb) && path) {
    return `${path} exists in the workspace with the requested content`;
  }
  if (verb === 'read' && path) return `The content of ${path} is read and its key points are reported`;
  if (['propose', 'suggest', 'recommend', 'plan', 'outline'].includes(verb)) {
    return 'Concrete, actionable items are listed, grounded in earlier results';
  }
  if (['summarise', 'summarize', 'describe', 'explain', 'list'].includes(verb)) {
    return 'A summary grounded in tool observations is reported';
  }
  return 'The result is reported with the facts it is based on';
}

export function personaFor(title: string): string {
  const verb = firstVerb(title);
  if (['write', 'save', 'draft', 'document', 'edit'].includes(verb)) return 'technical writer';
  if (['propose', 'suggest', 'recommend', 'plan', 'outline'].includes(verb)) return 'planning advisor';
  if (['search', 'find', 'research', 'fetch', 'gather', 'collect', 'locate'].includes(verb)) return 'researcher';
  if (['test', 'verify', 'check', 'audit', 'review', 'assess', 'evaluate'].includes(verb)) return 'reviewer';
  return 'repository analyst';
}
