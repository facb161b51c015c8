import { startServer } from './start-server';

try {
  const { url } = await startServer({ handleSignals: true });
  if (process.stderr.isTTY) {
    process.stderr.write(`\nGEPA-AIME is running — dashboard ${url}  ·  API docs ${url}/docs  ·  Ctrl-C to stop\n\n`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`aime server: ${message}\n`);
  process.exit(1);
}
