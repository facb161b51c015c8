import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../test-support/test-app';
import { FileRunStore } from './file-run-store';
import { isFinalStatus } from './run-state';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('run log handles', () => {
  it('holds one append handle per running run (none for queued ones) and closes it at run-end', async () => {
    harness = await createTestApp({ concurrency: 1 });
    const testApp = harness;
    const { store, manager } = testApp.app.aime;
    if (!(store instanceof FileRunStore)) throw new Error('the embedded app keeps run logs in files');
    testApp.model.close();
    const ids: string[] = [];
    for (const goal of ['First goal of three', 'Second goal of three', 'Third goal of three']) {
      ids.push((await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal } })).json().id);
    }
    await waitFor(() => testApp.model.waiting > 0);
    expect(manager.require(ids[0] ?? '').status).toBe('running');
    expect(store.openHandleCount).toBe(1);
    testApp.model.open();
    await waitFor(() => ids.every((id) => isFinalStatus(manager.require(id).status)), 15_000);
    await store.flush();
    expect(store.openHandleCount).toBe(0);
    for (const id of ids) {
      const events = await store.readEvents(id);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.at(-1)?.type).toBe('run-end');
    }
  });

  it('closes the handles of runs interrupted by a shutdown', async () => {
    harness = await createTestApp({ concurrency: 2, shutdownGraceMs: 2000 });
    const testApp = harness;
    const { store, manager } = testApp.app.aime;
    if (!(store instanceof FileRunStore)) throw new Error('the embedded app keeps run logs in files');
    testApp.model.close();
    for (const goal of ['Interrupted goal one', 'Interrupted goal two']) {
      await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal } });
    }
    await waitFor(() => testApp.model.waiting >= 2);
    expect(store.openHandleCount).toBe(2);
    await manager.shutdown(2000);
    expect(store.openHandleCount).toBe(0);
  });
});
