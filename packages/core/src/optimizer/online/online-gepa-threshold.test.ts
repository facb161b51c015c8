import { describe, expect, it } from 'vitest';
import { createOptimizer, feed, fenced, TEST_GEPA_CONFIG, tempTracePath } from '../../testing/online-gepa-fixtures';
import { ScriptedModel } from '../../testing/scripted-model';

/** The reflection trigger is "composite strictly below the threshold" (the seed's `< threshold`). */
describe('LightweightOnlineGEPA threshold boundary', () => {
  it('a composite exactly at the threshold does not reflect; just below it does', async () => {
    const threshold = TEST_GEPA_CONFIG.threshold as number;
    const outcomes = [0, 0, 0, 0];

    const atThreshold = new ScriptedModel([fenced('Plan with care.')]);
    const steady = await createOptimizer(tempTracePath(), { reflectionModel: atThreshold, metric: () => threshold });
    const steadyEvents = await feed(steady, outcomes);
    expect(steadyEvents.filter((event) => event.type === 'gepa-record').map((event) => event.composite)).toEqual(
      outcomes.map(() => threshold),
    );
    expect(atThreshold.requests).toHaveLength(0);
    expect(steady.currentPrompt('planner').candidateId).toBe('planner-default');

    const belowThreshold = new ScriptedModel([fenced('Plan with care.')]);
    const below = threshold - Number.EPSILON;
    const reflecting = await createOptimizer(tempTracePath(), { reflectionModel: belowThreshold, metric: () => below });
    await feed(reflecting, outcomes.slice(0, TEST_GEPA_CONFIG.min_traces_before_reflection));
    expect(belowThreshold.requests).toHaveLength(1);
    expect(reflecting.currentPrompt('planner').candidateId).toBe('planner-gen1');
  });
});
