import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, useFakeOpenAIServer } from './cli-test-support';
import { commands } from './commands/index';

function run(argv: string[], env: NodeJS.ProcessEnv = {}, stdinText?: string) {
  return runCliCaptured(argv, { env, stdinText });
}

const fake = useFakeOpenAIServer();

describe('aime (in process)', () => {
  it('prints global help listing every registered command', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const name of Object.keys(commands)) expect(result.stdout).toContain(`  ${name}`);
  });

  it('prints help for every command', async () => {
    for (const name of Object.keys(commands)) {
      const result = await run([name, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: aime ${name}`);
    }
  });

  it('prints the version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('rejects unknown commands and options with exit code 2 and one line', async () => {
    const unknown = await run(['fly']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe(`aime: unknown command 'fly' (commands: ${Object.keys(commands).join(', ')})\n`);
    const option = await run(['chat', '--loud', 'hi']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe("aime: Unknown option '--loud' (see: aime chat --help)\n");
    const missing = await run(['chat']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('chat needs a message');
  });

  it('reads the message from piped stdin', async () => {
    const result = await run(['chat', '--no-stream'], {}, 'hello from a pipe');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Hello!');
  });

  it('resolves --config relative to INIT_CWD and reports a bad config in one line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'aime-cli-'));
    mkdirSync(join(directory, 'settings'));
    writeFileSync(join(directory, 'settings', 'model_config.yaml'), 'provider: vllm\nrequest_timeout: soon\n');
    const result = await run(['--config', 'settings', 'chat', 'hi'], { INIT_CWD: directory });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(join(directory, 'settings', 'model_config.yaml'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('chats with the configured vllm server, streaming, with --config after the command', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'aime-cli-'));
    writeFileSync(
      join(directory, 'model_config.yaml'),
      `model: served\nprovider: vllm\napi_base: ${fake.server.url}\nmax_retries: 0\n`,
    );
    fake.server.script({ content: 'streamed from the fake server', reasoning: 'thinking', chunkSize: 5 });
    const result = await run(['chat', '--show-reasoning', '--system', 'Be brief.', 'hi', '--config', directory]);
    expect(result).toMatchObject({ code: 0, stdout: 'streamed from the fake server\n', stderr: 'thinking' });
    expect(fake.server.requests.at(-1)?.body).toMatchObject({
      model: 'served',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
  });

  it('fails a chat whose stream stalls mid-answer: the shown part, then a timeout line and exit 1', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'aime-cli-'));
    try {
      writeFileSync(
        join(directory, 'model_config.yaml'),
        `model: served\nprovider: vllm\napi_base: ${fake.server.url}\nrequest_timeout: 1\nmax_retries: 0\n`,
      );
      const answer = { reasoning: 'Greeting.', reasoningField: 'reasoning' as const, content: 'Hello! I am a model.' };
      fake.server.script({ fault: 'stall-stream', answer: { ...answer, chunkSize: 4 }, afterChunks: 6 });
      const result = await run(['chat', 'hi', '--config', directory]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('Hello! I\n');
      expect(result.stderr).toContain('aime: timeout: The model stopped answering after 1 s');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
