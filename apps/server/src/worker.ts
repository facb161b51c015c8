import { createLineLogger } from './scale-out/line-logger';
import { startWorker } from './scale-out/start-worker';

// `node apps/server/dist/worker.js`: the image's `aime worker` (scale-out mode, AIME_DATABASE_URL).
const logger = createLineLogger(process.stderr, process.env.AIME_LOG_LEVEL ?? 'info');
try {
  const worker = await startWorker({ logger });
  logger.info({ workerId: worker.id, concurrency: worker.concurrency }, 'worker started');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, 'stopping: running runs go back to the queue');
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`aime worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
