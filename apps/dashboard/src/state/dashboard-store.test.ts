import { describe, expect, it } from 'vitest';
import { sampleRunEvents } from '../testing/sample-run-events';
import { DashboardStore } from './dashboard-store';

describe('DashboardStore', () => {
  it('keeps full state only for opened runs, and summaries for every run', () => {
    const store = new DashboardStore();
    store.trackRun('run-1');
    store.ingestEvents([...sampleRunEvents('run-1'), ...sampleRunEvents('run-2')]);
    const state = store.getSnapshot();
    expect(Object.keys(state.runStates)).toEqual(['run-1']);
    expect(store.lastSeq('run-1')).toBe(sampleRunEvents('run-1').length);
    expect(store.lastSeq('run-2')).toBe(0);
    expect(state.runs['run-2']?.status).toBe('completed');
  });

  it('does not notify listeners when a batch changes nothing (all duplicates)', () => {
    const store = new DashboardStore();
    store.trackRun('run-1');
    const events = sampleRunEvents('run-1');
    store.ingestEvents(events);
    let notified = 0;
    store.subscribe(() => notified++);
    const before = store.getSnapshot();
    store.ingestEvents(events);
    expect(notified).toBe(0);
    expect(store.getSnapshot()).toBe(before);
  });
});
