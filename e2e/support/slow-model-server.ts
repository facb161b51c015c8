/**
 * A slow OpenAI-compatible model for browser tests that need a run to stay in flight (cancel,
 * reload, restart): the core's fake server, every answer delayed by FAKE_LATENCY_MS (default 1500).
 * Prints `READY <base url>` once listening; runs until killed.
 */
import { startFakeOpenAIServer } from '../../packages/core/src/testing/index';

const latencyMs = Number(process.env.FAKE_LATENCY_MS ?? 1500);

const server = await startFakeOpenAIServer({
  handler: () => ({ content: 'Still working on it; the observations so far are being collected.', latencyMs }),
});
process.stdout.write(`READY ${server.url}\n`);

const shutdown = () => void server.close().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
