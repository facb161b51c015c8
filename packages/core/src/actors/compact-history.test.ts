import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../llm/types';
import { toolPairingProblems } from '../testing/actor-fixture';
import { compactHistory } from './compact-history';
import { estimateRequestTokens } from './context-budget';

const fileText = (name: string, chars: number) => {
  const lines: string[] = [];
  for (let line = 0; lines.join('\n').length < chars; line++) lines.push(`${name} line ${line}: ${'y'.repeat(40)}`);
  return lines.join('\n').slice(0, chars);
};

/** system, task, then `reads` steps that each read one file of `chars` characters (two calls in step 1). */
function nativeHistory(reads: number, chars: number): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You are an actor.' },
    { role: 'user', content: 'Subtask [1]: read the files' },
  ];
  for (let step = 0; step < reads; step++) {
    const calls = [{ id: `c${step}`, name: 'read_file', path: `file${step}.txt` }];
    if (step === 0) calls.push({ id: 'c0b', name: 'list_dir', path: '.' });
    messages.push({
      role: 'assistant',
      content: `Reading file${step}.txt`,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: JSON.stringify({ path: call.path }) },
      })),
    });
    for (const call of calls)
      messages.push({ role: 'tool', tool_call_id: call.id, content: fileText(call.path, chars) });
  }
  return messages;
}

describe('compactHistory', () => {
  it('leaves a history that fits untouched', () => {
    const history = nativeHistory(3, 1_000);
    expect(compactHistory(history, { budgetTokens: 10_000, keepRecentSteps: 2 })).toEqual(history);
  });

  it('elides old observations oldest first, keeping system, task, recent steps and the tool-call pairing', () => {
    const history = nativeHistory(5, 8_000);
    const budgetTokens = 7_000;
    expect(estimateRequestTokens(history)).toBeGreaterThan(budgetTokens);
    const compacted = compactHistory(history, { budgetTokens, keepRecentSteps: 2 });
    expect(estimateRequestTokens(compacted)).toBeLessThanOrEqual(budgetTokens);
    expect(compacted).toHaveLength(history.length);
    expect(compacted.slice(0, 2)).toEqual(history.slice(0, 2));
    expect(toolPairingProblems(compacted)).toEqual([]);
    const lastTwoSteps = history.findIndex(
      (message) => message.role === 'assistant' && message.content?.includes('file3'),
    );
    expect(compacted.slice(lastTwoSteps)).toEqual(history.slice(lastTwoSteps));
    const first = compacted[3];
    expect(first?.role === 'tool' && first.content).toMatch(
      /^\[observation of read_file file0\.txt elided: 8,000 chars; key lines:\nfile0\.txt line 0: y+\n(?:.*\n){3}file0\.txt line 4: y+\]$/,
    );
    expect(compacted[4]?.content).toMatch(/^\[observation of list_dir \. elided: 8,000 chars; key lines:\n\. line 0/);
    expect(history[3]?.content).toHaveLength(8_000);
    expect(compactHistory(history, { budgetTokens, keepRecentSteps: 2 })).toEqual(compacted);
  });

  it('only elides as many old steps as needed', () => {
    const history = nativeHistory(5, 8_000);
    const compacted = compactHistory(history, {
      budgetTokens: estimateRequestTokens(history) - 100,
      keepRecentSteps: 2,
    });
    const elided = compacted.filter((message) => message.content?.startsWith('[observation of '));
    expect(elided.map((message) => message.role === 'tool' && message.tool_call_id)).toEqual(['c0', 'c0b']);
  });

  it('cuts the longest recent observation (keeping its start) when the recent steps alone are too big', () => {
    const history = nativeHistory(2, 20_000);
    const compacted = compactHistory(history, { budgetTokens: 3_000, keepRecentSteps: 2 });
    expect(estimateRequestTokens(compacted)).toBeLessThanOrEqual(3_000);
    expect(toolPairingProblems(compacted)).toEqual([]);
    const cut = compacted.filter((message) => message.content?.includes('characters cut to fit the context window'));
    expect(cut.length).toBeGreaterThan(0);
    for (const message of cut) expect(message.content).toMatch(/^(?:file\d\.txt|\.) line 0: y+\n/);
  });

  it('shortens long tool arguments of old steps into valid JSON', () => {
    const written = JSON.stringify({ path: 'out.md', content: 'z'.repeat(9_000) });
    const history: ChatMessage[] = [
      { role: 'system', content: 'system' },
      { role: 'user', content: 'task' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'w', type: 'function', function: { name: 'write_file', arguments: written } }],
      },
      { role: 'tool', tool_call_id: 'w', content: 'Wrote out.md' },
      ...nativeHistory(2, 3_000).slice(2),
    ];
    const compacted = compactHistory(history, { budgetTokens: 3_000, keepRecentSteps: 2 });
    const call = compacted[2]?.role === 'assistant' ? compacted[2].tool_calls?.[0] : undefined;
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({
      path: 'out.md',
      elided: `${written.length.toLocaleString('en-US')} chars of write_file arguments`,
    });
    expect(compacted[3]?.content).toBe('Wrote out.md');
  });

  it('keeps the Observation prefix and names the Action in react-text histories', () => {
    const history: ChatMessage[] = [
      { role: 'system', content: 'system' },
      { role: 'user', content: 'task' },
    ];
    for (let step = 0; step < 4; step++) {
      history.push(
        { role: 'assistant', content: `Thought: t\nAction: read_file\nAction Input: {"path": "doc${step}.md"}` },
        { role: 'user', content: `Observation: ${fileText(`doc${step}.md`, 6_000)}` },
      );
    }
    const compacted = compactHistory(history, { budgetTokens: 4_000, keepRecentSteps: 2 });
    expect(compacted[3]?.content).toMatch(/^Observation: \[observation of read_file doc0\.md elided: 6,000 chars;/);
    expect(compacted.slice(6)).toEqual(history.slice(6));
  });
});
