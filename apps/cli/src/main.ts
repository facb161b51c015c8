import { runCli } from './cli';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
// docker stop / systemd: the same graceful stop as Ctrl-C (a worker queues its runs again).
process.once('SIGTERM', () => controller.abort());
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
process.exitCode = await runCli(process.argv.slice(2), io, controller.signal);
