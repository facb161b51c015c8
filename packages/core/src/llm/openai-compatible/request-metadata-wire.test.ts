import { describe, expect, it } from 'vitest';
import { useFakeModelServer } from '../../testing/openai-compatible-fixtures';
import type { ChatRequest } from '../types';

const fake = useFakeModelServer();
const MARKER = 'metadata-only-7f3c';

/** A request whose metadata holds text that appears nowhere in its messages. */
const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Name a colour.' }],
  metadata: {
    role: 'actor',
    goal: `goal ${MARKER}`,
    task: { id: 't1', title: `title ${MARKER}`, completionCriteria: MARKER },
    tools: [`tool_${MARKER}`],
    toolProtocol: 'native',
    knowledge: [{ id: 'k', title: MARKER, summary: MARKER, references: [] }],
    steps: [{ tool: 'read_file', arguments: { path: MARKER }, observation: MARKER, ok: true }],
  },
};

describe('request metadata over the wire', () => {
  for (const endpoint of ['/v1/chat/completions', '/v1/completions', '/v1/generate']) {
    it(`is never sent to the server (${endpoint}, plain and streamed)`, async () => {
      const model = fake.model({ extraParams: { endpoint } });
      fake.server.script({ content: 'Blue.' }, { content: 'Green.' });
      expect((await model.chat(request)).content).toContain('Blue.');
      for await (const _delta of model.stream(request)) {
        // drain the stream
      }
      const bodies = fake.server.modelRequests().map((recorded) => JSON.stringify(recorded.body));
      expect(bodies).toHaveLength(2);
      for (const body of bodies) {
        expect(body).toContain('Name a colour.');
        expect(body).not.toContain(MARKER);
        expect(body).not.toContain('metadata');
      }
    });
  }
});
