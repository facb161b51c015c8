import type { ActorStep, ChatRequest, RequestKnowledge, ToolDefinition } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { aimeActorSkill } from './aime-actor-skill';
import { directoryIn } from './aime-path-resolution';

const TOOLS: ToolDefinition[] = [
  'list_dir',
  'read_file',
  'write_file',
  'search_files',
  'update_progress',
  'finish',
].map((name) => ({ type: 'function', function: { name, description: name, parameters: { type: 'object' } } }));

/** An actor request as DynamicActor sends it: the task, tools, knowledge and steps so far in its metadata. */
function request(title: string, knowledge: RequestKnowledge[] = [], steps: ActorStep[] = []): ChatRequest {
  return {
    messages: [
      { role: 'system', content: 'You are an actor.' },
      { role: 'user', content: title },
    ],
    tools: TOOLS,
    metadata: {
      role: 'actor',
      goal: title,
      task: { id: '1', title },
      tools: TOOLS.map((tool) => tool.function.name),
      toolProtocol: 'native',
      knowledge,
      steps,
    },
  };
}

function called(tool: string, args: Record<string, unknown>, observation: string, _id: string): ActorStep[] {
  return [{ tool, arguments: args, observation, ok: !observation.startsWith('Error:') }];
}

const earlier = (id: string, title: string, summary: string, references: string[] = []): RequestKnowledge[] => [
  { id, title, summary, references },
];

const LISTING = 'Directory . (4 entries):\n[dir] apps/\n[dir] packages/\n[dir] node_modules/\n[file] README.md (1 KB)';

describe('offline actor skill', () => {
  it('handles actor requests (metadata role actor) only, whatever the tools or wording', () => {
    expect(aimeActorSkill.handles(request('x'))).toBe(true);
    expect(aimeActorSkill.handles({ messages: [{ role: 'user', content: 'Subtask [1]: x' }], tools: TOOLS })).toBe(
      false,
    );
  });

  it('lists the workspace for a layout task, reporting progress, then reads the README it found', async () => {
    const first = await aimeActorSkill.respond(request('Summarise the repository layout'));
    expect(first.toolCalls?.map((call) => call.name)).toEqual(['update_progress', 'list_dir']);
    const second = await aimeActorSkill.respond(
      request('Summarise the repository layout', [], called('list_dir', { path: '.' }, LISTING, 'c1')),
    );
    expect(second.toolCalls).toEqual([{ name: 'read_file', arguments: { path: 'README.md' } }]);
    const third = await aimeActorSkill.respond(
      request(
        'Summarise the repository layout',
        [],
        [
          ...called('list_dir', { path: '.' }, LISTING, 'c1'),
          ...called(
            'read_file',
            { path: 'README.md' },
            '# Demo\n\nA **demo** project ([docs](http://x)).\n\n## Usage\n',
            'c2',
          ),
        ],
      ),
    );
    const finish = third.toolCalls?.[0];
    expect(finish?.name).toBe('finish');
    const report = finish?.arguments as { status: string; summary: string; references: string[] };
    expect(report.status).toBe('complete');
    expect(report.summary).toContain('2 directories (apps/, packages/) besides installed dependencies (node_modules/)');
    expect(report.summary).toContain('README.md ("Demo") says: A demo project (docs). Sections: Usage.');
    expect(report.references).toEqual(['.', 'README.md']);
  });

  it('writes the file a task names, with content from earlier results, and reports failure when the write fails', async () => {
    const knowledge = earlier('1', 'Read README.md', 'README.md ("Demo") says: A demo project.');
    const write = await aimeActorSkill.respond(request('Write a summary to notes/summary.md', knowledge));
    const call = write.toolCalls?.find((candidate) => candidate.name === 'write_file');
    const args = call?.arguments as { path: string; content: string };
    expect(args.path).toBe('notes/summary.md');
    expect(args.content).toContain('# Summary (summary.md)');
    expect(args.content).toContain('A demo project.');
    const failed = await aimeActorSkill.respond(
      request('Write a summary to notes/summary.md', knowledge, called('write_file', args, 'Error: disk full', 'w1')),
    );
    expect(failed.toolCalls?.[0]?.arguments).toMatchObject({ status: 'failed' });
  });

  it('proposes next steps grounded in the folders earlier tasks found', async () => {
    const knowledge = earlier(
      '1',
      'Summarise the layout',
      'The workspace root contains 3 directories (apps/, tests/, docs/).',
    );
    const reply = await aimeActorSkill.respond(request('Propose next steps', knowledge));
    const report = reply.toolCalls?.[0]?.arguments as { status: string; summary: string };
    expect(report.status).toBe('complete');
    expect(report.summary).toMatch(
      /^Proposed next steps, based on the folders found earlier \(apps\/, tests\/, docs\/\)/,
    );
    expect(report.summary).toContain('Run the test suite in tests/');
    expect(report.summary).toContain('Try the applications in apps/');
  });

  it('searches for quoted text and fails honestly when no tool fits', async () => {
    const search = await aimeActorSkill.respond(request('Find "TODO" in the workspace'));
    expect(search.toolCalls?.at(-1)).toEqual({ name: 'search_files', arguments: { query: 'TODO' } });
    const nothing = await aimeActorSkill.respond(request('Compose a sonnet about autumn'));
    expect(nothing.toolCalls?.[0]?.arguments).toMatchObject({ status: 'failed' });
  });

  it('lists the directory a task names (path, trailing slash, or "the X folder")', async () => {
    expect(directoryIn('List the docs folder')).toBe('docs');
    expect(directoryIn('Describe the packages/core/src directory')).toBe('packages/core/src');
    expect(directoryIn('List docs/ please')).toBe('docs');
    expect(directoryIn('Summarise the top-level folder structure')).toBeUndefined();
    expect(directoryIn('Read notes/summary.md')).toBeUndefined();
    const reply = await aimeActorSkill.respond(request('What does the config folder contain?'));
    expect(reply.toolCalls?.at(-1)).toEqual({ name: 'list_dir', arguments: { path: 'config' } });
  });

  it('answers a follow-up ("explain it") from the earlier result without calling a tool', async () => {
    const knowledge = earlier(
      '1',
      'Find where x is defined',
      'x is defined in src/a.ts (line 1): `export const x=1`.',
      ['src/a.ts'],
    );
    const reply = await aimeActorSkill.respond(request('Explain it', knowledge));
    expect(reply.toolCalls?.map((call) => call.name)).toEqual(['finish']);
    const report = reply.toolCalls?.[0]?.arguments as { status: string; summary: string };
    expect(report.status).toBe('complete');
    expect(report.summary).toContain('x is an exported constant declared in src/a.ts at line 1. Its value is 1.');
  });

  it('looks a missing file up by name, then reports it as not found instead of inventing it', async () => {
    const missing = called(
      'read_file',
      { path: 'missing.md' },
      'Error: No such file or directory in the workspace: missing.md',
      'r1',
    );
    const next = await aimeActorSkill.respond(request('Read missing.md', [], missing));
    expect(next.toolCalls).toEqual([{ name: 'list_dir', arguments: { path: '.', depth: 3 } }]);
    const listed = called(
      'list_dir',
      { path: '.', depth: 3 },
      'Directory . (1 entry, depth 3):\n[file] README.md (1 KB)',
      'l1',
    );
    const reply = await aimeActorSkill.respond(request('Read missing.md', [], [...missing, ...listed]));
    expect(reply.toolCalls?.[0]?.arguments).toMatchObject({
      status: 'failed',
      summary: expect.stringContaining(
        'Not found: missing.md does not exist in the workspace (its top level has: README.md)',
      ),
    });
  });
});
