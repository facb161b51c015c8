import type { RunManagerLogger } from '../runs/run-observer';

const LEVELS = { error: 50, warn: 40, info: 30 } as const;

/** JSON lines on a stream (pino's shape: level, time, msg) for processes without Fastify's logger. */
export function createLineLogger(stream: NodeJS.WritableStream, level: string = 'info'): RunManagerLogger {
  const threshold = LEVELS[level as keyof typeof LEVELS] ?? (level === 'silent' ? 100 : LEVELS.info);
  const write = (name: keyof typeof LEVELS) => (object: object, message: string) => {
    if (LEVELS[name] < threshold) return;
    stream.write(`${JSON.stringify({ level: LEVELS[name], time: Date.now(), ...object, msg: message })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
