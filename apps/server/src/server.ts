import { startServer } from './start-server';

await startServer({ handleSignals: true }).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`aime server: ${message}\n`);
  process.exit(1);
});
