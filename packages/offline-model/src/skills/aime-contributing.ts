import type { ActorConversation, ObservedCall } from './aime-actor-conversation';
import { parseListingTree } from './aime-path-resolution';
import { findCall, type TaskPlan } from './aime-task-plan';

/** A write task whose target is a contributing guide (CONTRIBUTING.md, docs/contributing.md …). */
export function isContributingGuide(target: string | undefined): boolean {
  return /(^|\/)contributing(\.md|\.txt|\.rst)?$/i.test(target ?? '');
}

/**
 * A contributing guide drawn from the repository: list the root, read package.json and the
 * README, write the guide (setup, tests, before you commit), then re-read it.
 */
export function planContributing(conversation: ActorConversation, plan: TaskPlan, target: string): TaskPlan {
  plan.calls.push({ name: 'list_dir', arguments: { path: '.' } });
  const listing = findCall(conversation, 'list_dir', { path: '.' });
  if (!listing?.ok) return plan;
  const sources = sourcesIn(listing);
  if (sources.length === 0) {
    plan.missing =
      'anything that says how to set this repository up or test it (no package.json or README at the root)';
    return plan;
  }
  for (const path of sources) plan.calls.push({ name: 'read_file', arguments: { path } });
  if (!sources.every((path) => findCall(conversation, 'read_file', { path }))) return plan;
  plan.calls.push({ name: 'write_file', arguments: { path: target } });
  if (conversation.calls.some((call) => call.name === 'write_file' && call.ok && call.args.path === target)) {
    plan.calls.push({ name: 'read_file', arguments: { path: target } });
  }
  return plan;
}

/** package.json and the README at the root, from the root listing. */
function sourcesIn(listing: ObservedCall): string[] {
  const files = parseListingTree(listing.output)
    .entries.filter((entry) => entry.kind !== 'dir')
    .map((entry) => entry.path);
  const readme = files.find((path) => /^readme(\.md|\.txt|\.rst)?$/i.test(path));
  return [...(files.includes('package.json') ? ['package.json'] : []), ...(readme ? [readme] : [])];
}

interface PackageFacts {
  name?: string;
  description?: string;
  node?: string;
  packageManager?: string;
  scripts: Record<string, string>;
}

/** The guide's text: every line comes from package.json, the lock file in the listing or the README. */
export function composeContributing(conversation: ActorConversation): string {
  const read = (path: string) =>
    conversation.calls.find((call) => call.name === 'read_file' && call.ok && call.args.path === path)?.output;
  const facts = packageFacts(read('package.json'));
  const readmePath = conversation.calls.find(
    (call) => call.name === 'read_file' && call.ok && /^readme/i.test(String(call.args.path)),
  );
  const listing = findCall(conversation, 'list_dir', { path: '.' });
  const files = listing?.ok ? parseListingTree(listing.output).entries.map((entry) => entry.path) : [];
  const manager = packageManager(facts, files);
  const run = (script: string) =>
    manager === 'npm' && script !== 'test' ? `npm run ${script}` : `${manager} ${script}`;
  const scripts = Object.entries(facts.scripts);
  const pick = (pattern: RegExp) => scripts.filter(([name]) => pattern.test(name));
  const title = facts.name ?? conversation.goal;
  const lines = [`# Contributing to ${title}`, ''];
  if (facts.description) lines.push(facts.description, '');
  lines.push('## Setup', '');
  const requirements = [facts.node ? `Node.js ${facts.node}` : '', facts.packageManager ?? ''].filter(Boolean);
  if (requirements.length > 0) lines.push(`- Requirements (package.json): ${requirements.join(', ')}.`);
  lines.push(`- Install the dependencies: \`${manager} install\`.`);
  const quickStart = readmePath ? quickStartOf(readmePath.output) : undefined;
  if (quickStart && readmePath) {
    lines.push(
      '',
      `From ${String(readmePath.args.path)} (${quickStart.heading}):`,
      '',
      '```bash',
      ...quickStart.code,
      '```',
    );
  }
  lines.push('', '## Running the tests', '');
  const tests = pick(/^test/);
  if (tests.length === 0) lines.push('- package.json defines no test script.');
  for (const [name, command] of tests) lines.push(`- \`${run(name)}\` runs \`${command}\`.`);
  lines.push('', '## Before you commit', '');
  const checks = pick(/^(lint|format|typecheck|check|type-check)(:|$)/);
  for (const [name, command] of checks) lines.push(`- \`${run(name)}\` runs \`${command}\`.`);
  const testGate = facts.scripts.test !== undefined ? 'test' : tests[0]?.[0];
  const gate = [
    ...checks.map(([name]) => name).filter((name) => !name.startsWith('format')),
    ...(testGate ? [testGate] : []),
  ];
  lines.push(
    gate.length > 0
      ? `- Commit when ${gate.map((name) => `\`${run(name)}\``).join(', ')} pass${gate.length === 1 ? 'es' : ''}.`
      : '- package.json defines no lint, format or test script to run before a commit.',
  );
  const sources = ['package.json', readmePath ? String(readmePath.args.path) : ''].filter(Boolean);
  lines.push('', `_Written by the offline model (deterministic, rule-based) from ${sources.join(' and ')}._`, '');
  return lines.join('\n');
}

function packageFacts(text: string | undefined): PackageFacts {
  const body = text ?? '';
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1));
    if (value && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // read_file output may be cut; a guide without package facts still names the README's steps.
  }
  const field = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined);
  const engines = parsed.engines as Record<string, unknown> | undefined;
  const scripts: Record<string, string> = {};
  for (const [name, command] of Object.entries((parsed.scripts as Record<string, unknown>) ?? {})) {
    if (typeof command === 'string') scripts[name] = command;
  }
  const facts: PackageFacts = { scripts };
  if (field('name')) facts.name = field('name');
  if (field('description')) facts.description = field('description');
  if (typeof engines?.node === 'string') facts.node = engines.node;
  if (field('packageManager')) facts.packageManager = field('packageManager');
  return facts;
}

function packageManager(facts: PackageFacts, files: string[]): 'pnpm' | 'yarn' | 'npm' {
  const declared = /^(pnpm|yarn|npm)@/.exec(facts.packageManager ?? '')?.[1];
  if (declared === 'pnpm' || declared === 'yarn' || declared === 'npm') return declared;
  if (files.includes('pnpm-lock.yaml') || files.includes('pnpm-workspace.yaml')) return 'pnpm';
  if (files.includes('yarn.lock')) return 'yarn';
  return 'npm';
}

/** The first code block under the README's quick start / install / getting started / setup heading. */
function quickStartOf(readme: string): { heading: string; code: string[] } | undefined {
  const lines = readme.split('\n');
  let heading: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const title = /^#{1,4}\s+(.+)$/.exec(line)?.[1];
    if (title)
      heading = /quick ?start|getting started|install|setup|set up|development/i.test(title) ? title : undefined;
    if (!heading || !line.startsWith('```')) continue;
    const end = lines.findIndex((candidate, at) => at > index && candidate.startsWith('```'));
    if (end < 0) return undefined;
    const code = lines.slice(index + 1, end).slice(0, 8);
    return code.length > 0 ? { heading, code } : undefined;
  }
  return undefined;
}
