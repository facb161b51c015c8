import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '@gepa-aime/core';
import { createOptimizer, feed, TEST_GEPA_CONFIG, tempTracePath } from '@gepa-aime/core/testing';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../src/index';

describe('LightweightOnlineGEPA with the offline model', () => {
  it('with the offline model as reflection model, rewrites the prompt from the feedback and keeps the original', async () => {
    const optimizer = await createOptimizer(tempTracePath(), {
      reflectionModel: new OfflineModel(),
      config: { ...TEST_GEPA_CONFIG, components: ['actor'] },
    });
    const events = await feed(optimizer, [0, 0], 'actor');
    const active = optimizer.currentPrompt('actor');
    expect(active.candidateId).toBe('actor-gen1');
    expect(active.text.startsWith(DEFAULT_ACTOR_PROMPT_TEMPLATE)).toBe(true);
    expect(active.text).toContain('Lessons from earlier runs:');
    expect(active.text).toContain('list its directory first');
    expect(events.some((event) => event.type === 'llm-usage' && event.role === 'reflection')).toBe(true);
  });
});
