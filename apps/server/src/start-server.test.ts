import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineModel } from '@gepa-aime/offline-model';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInUseError } from './errors/port-in-use-error';
import { startServer } from './start-server';
import { createWorkspace, REPOSITORY_CONFIG_DIRECTORY } from './test-support/test-app';

let root: string | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
  blocker = undefined;
});

describe('startServer', () => {
  it('says the port is taken and how to choose another, instead of EADDRINUSE', async () => {
    const taken = createServer();
    blocker = taken;
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    root = await mkdtemp(join(tmpdir(), 'aime-port-in-use-'));
    const starting = startServer({
      env: {
        AIME_PORT: String(port),
        AIME_TRACES_DIR: join(root, 'traces'),
        AIME_WORKSPACE: await createWorkspace(root),
      },
      configDirectory: REPOSITORY_CONFIG_DIRECTORY,
      model: new OfflineModel(),
      logger: false,
      dashboardDirectory: null,
    });
    await expect(starting).rejects.toThrow(PortInUseError);
    await expect(starting).rejects.toMatchObject({
      code: 'port_in_use',
      message: `127.0.0.1:${port} is already in use (another GEPA-AIME server, or another program). Stop it, or choose another port (AIME_PORT=${port + 1}, or --port ${port + 1} for aime --viz)`,
    });
  });
});
