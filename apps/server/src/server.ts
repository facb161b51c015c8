import { startServer } from './start-server';

try {
  const { readyLine } = await startServer({ handleSignals: true });
  // On stderr: stdout carries the JSON request log when it is not a terminal.
  process.stderr.write(`${readyLine}\n`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`aime server: ${message}\n`);
  process.exit(1);
}
