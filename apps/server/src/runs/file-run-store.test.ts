import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileRunStore, parseRunLog } from './file-run-store';
import { isValidRunId } from './run-store';

let directory: string;
let store: FileRunStore;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aime-run-store-'));
  store = new FileRunStore(directory);
  await store.initialise();
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function progress(seq: number): RunEvent {
  return {
    type: 'progress-update',
    runId: 'run-a',
    seq,
    ts: seq,
    taskId: 't1',
    status: 'in_progress',
    message: `step ${seq}`,
  };
}

describe('FileRunStore', () => {
  it('appends records as lines in call order, even when not awaited one by one', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, index) => store.append('run-a', progress(index + 1))));
    await store.flush();
    const events = await store.readEvents('run-a');
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    const text = await readFile(store.pathOf('run-a'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(201);
  });

  it('reads events after a seq, with a limit, and skips the queued record', async () => {
    await store.append('run-a', { type: 'run-queued', runId: 'run-a', seq: 0, ts: 1, goal: 'g' });
    for (let seq = 1; seq <= 5; seq += 1) await store.append('run-a', progress(seq));
    expect((await store.readEvents('run-a', 2, 2)).map((event) => event.seq)).toEqual([3, 4]);
    expect((await store.read('run-a')).records[0]?.type).toBe('run-queued');
    expect(await store.readEvents('run-none')).toEqual([]);
  });

  it('tolerates a torn last line and cuts it off on repair', async () => {
    const path = store.pathOf('run-a');
    await writeFile(path, `${JSON.stringify(progress(1))}\n${JSON.stringify(progress(2))}\n{"type":"progress-upd`);
    const contents = await store.read('run-a');
    expect(contents.records.map((record) => record.seq)).toEqual([1, 2]);
    expect(contents.skippedLines).toBe(1);
    await store.repairTail('run-a', contents);
    await store.append('run-a', progress(3));
    expect((await store.readEvents('run-a')).map((event) => event.seq)).toEqual([1, 2, 3]);
    expect((await store.read('run-a')).skippedLines).toBe(0);
  });

  it('keeps a whole last line whose newline was never written', async () => {
    const path = store.pathOf('run-a');
    await writeFile(path, `${JSON.stringify(progress(1))}\n${JSON.stringify(progress(2))}`);
    const contents = await store.read('run-a');
    expect(contents.missingNewline).toBe(true);
    await store.repairTail('run-a', contents);
    await store.append('run-a', progress(3));
    expect((await store.readEvents('run-a')).map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('skips lines that are not records and lists only valid run ids', async () => {
    const buffer = Buffer.from(
      `${JSON.stringify(progress(1))}\nnot json\n${JSON.stringify({ type: 'mystery', seq: 2 })}\n\n`,
    );
    const contents = parseRunLog(buffer);
    expect(contents.records).toHaveLength(1);
    expect(contents.skippedLines).toBe(2);
    await writeFile(join(store.directory, 'run-b.jsonl'), '');
    await writeFile(join(store.directory, 'notes.txt'), '');
    await writeFile(join(store.directory, '.hidden.jsonl'), '');
    expect(await store.listRunIds()).toEqual(['run-b']);
  });

  it('appends a retained run through one open handle until it is released', async () => {
    store.retain('run-a');
    await store.append('run-a', progress(1));
    expect(store.openHandleCount).toBe(1);
    // The handle stays on the file: moving the file away moves the later appends with it.
    const moved = join(directory, 'moved.jsonl');
    await rename(store.pathOf('run-a'), moved);
    await Promise.all([2, 3, 4].map((seq) => store.append('run-a', progress(seq))));
    expect(existsSync(store.pathOf('run-a'))).toBe(false);
    expect(parseRunLog(await readFile(moved)).records.map((record) => record.seq)).toEqual([1, 2, 3, 4]);

    const released = store.release('run-a');
    expect(store.openHandleCount).toBe(1);
    await released;
    expect(store.openHandleCount).toBe(0);
    // Released: each append opens the file at its path again (a new, empty log: seq 1 comes next).
    await store.append('run-a', progress(1));
    expect((await store.readEvents('run-a')).map((event) => event.seq)).toEqual([1]);
    expect(store.openHandleCount).toBe(0);
  });

  it('writes queued appends before a release closes the handle, and close() closes every handle', async () => {
    store.retain('run-a');
    store.retain('run-b');
    const appends = Array.from({ length: 50 }, (_, index) => store.append('run-a', progress(index + 1)));
    const released = store.release('run-a');
    await store.append('run-b', { ...progress(1), runId: 'run-b' });
    await Promise.all([...appends, released]);
    expect((await store.readEvents('run-a')).map((event) => event.seq)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    expect(store.openHandleCount).toBe(1);
    void store.append('run-b', { ...progress(2), runId: 'run-b' });
    await store.close();
    expect(store.openHandleCount).toBe(0);
    expect((await store.readEvents('run-b')).map((event) => event.seq)).toEqual([1, 2]);
  });

  it('refuses run ids that could escape the directory', () => {
    for (const bad of ['../x', 'a/b', '.hidden', '', 'a..b', 'x'.repeat(200)]) expect(isValidRunId(bad)).toBe(false);
    expect(isValidRunId('run-20261126-063012-a1b2c3d4')).toBe(true);
    expect(() => store.pathOf('../../etc/passwd')).toThrow('invalid run id');
  });
});
