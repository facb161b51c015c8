/** What the one human start-up line says about the running service. */
export interface ReadyLineFacts {
  url: string;
  model: { provider: string; model: string };
  tracesDir: string;
}

/**
 * The first thing a person sees after `pnpm start` (written to stderr, so stdout stays the log):
 * `GEPA-AIME ready on http://127.0.0.1:8765 — offline model, traces in /…/traces · API docs …/docs · Ctrl-C stops`.
 */
export function readyLine(facts: ReadyLineFacts): string {
  const model =
    facts.model.provider === 'offline' ? 'offline model' : `model ${facts.model.model} (${facts.model.provider})`;
  return `GEPA-AIME ready on ${facts.url} — ${model}, traces in ${facts.tracesDir} · API docs ${facts.url}/docs · Ctrl-C stops`;
}

/**
 * Request-log level: `AIME_LOG_LEVEL` when set; otherwise `warn` in a terminal (a person reads it:
 * no JSON line per request) and `info` when stdout is a pipe or a file (a log collector reads it).
 */
export function defaultLogLevel(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): string {
  const chosen = env.AIME_LOG_LEVEL?.trim();
  if (chosen) return chosen;
  return stdoutIsTerminal ? 'warn' : 'info';
}
