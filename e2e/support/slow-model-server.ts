/**
 * A slow OpenAI-compatible model for browser tests that need a run to stay in flight (cancel,
 * reload, restart): the core's fake server, every answer delayed by FAKE_LATENCY_MS (default 1500),
 * an actor's (a request offering tools) by FAKE_ACTOR_LATENCY_MS (default 20000). Since the judge
 * fails the fake's answers, a run whose actors answered quickly ended within seconds — before a
 * loaded machine had reloaded the page or killed the server; a waiting actor keeps it running.
 * Prints `READY <base url>` once listening; runs until killed.
 */
import { startFakeOpenAIServer } from '../../packages/core/src/testing/index';

const latencyMs = Number(process.env.FAKE_LATENCY_MS ?? 1500);
const actorLatencyMs = Number(process.env.FAKE_ACTOR_LATENCY_MS ?? 20_000);

const server = await startFakeOpenAIServer({
  handler: (body) => ({
    content: 'Still working on it; the observations so far are being collected.',
    latencyMs: Array.isArray(body.tools) && body.tools.length > 0 ? actorLatencyMs : latencyMs,
  }),
});
process.stdout.write(`READY ${server.url}\n`);

const shutdown = () => void server.close().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
