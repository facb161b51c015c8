import { type ChatMessage, createModel } from '@gepa-aime/core';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-command-args';

const HELP = `Usage: aime chat [options] <message...>

Sends one message to the configured model (config/model_config.yaml) and prints the answer as it
streams. With no message and piped input, the message is read from stdin.

Options:
  --system <text>     system prompt to send first
  --no-stream         wait for the whole answer instead of streaming it
  --show-reasoning    print the model's reasoning (if it sends any) to stderr
  --config <dir>      config directory (default: <repo>/config)
  -h, --help          show this help

Examples:
  pnpm aime chat "hello"
  AIME_PROVIDER=vllm AIME_API_BASE=http://127.0.0.1:8000/v1 AIME_MODEL=qwen3 pnpm aime chat "2+2?"`;

export const chatCommand: CliCommand = {
  summary: 'send one message to the configured model and print the answer',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('chat', argv, {
      system: { type: 'string' },
      'no-stream': { type: 'boolean' },
      'show-reasoning': { type: 'boolean' },
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    let message = positionals.join(' ').trim();
    if (!message && !context.stdin.isTTY) message = (await readAll(context.stdin)).trim();
    if (!message) throw new UsageError('chat needs a message, e.g. aime chat "hello" (see: aime chat --help)');

    const model = createModel(context.loadConfig());
    const messages: ChatMessage[] = [];
    if (values.system) messages.push({ role: 'system', content: values.system });
    messages.push({ role: 'user', content: message });
    const request = { messages, signal: context.signal };

    if (values['no-stream']) {
      const response = await model.chat(request);
      if (values['show-reasoning'] && response.reasoning) context.stderr.write(`${response.reasoning}\n`);
      context.stdout.write(`${response.content}\n`);
      return 0;
    }
    let endsWithNewline = true;
    try {
      for await (const delta of model.stream(request)) {
        if (delta.type === 'content') {
          context.stdout.write(delta.text);
          endsWithNewline = delta.text.endsWith('\n');
        } else if (delta.type === 'reasoning' && values['show-reasoning']) {
          context.stderr.write(delta.text);
        } else if (delta.type === 'finish') {
          for (const call of delta.response.toolCalls) {
            context.stdout.write(
              `${endsWithNewline ? '' : '\n'}[tool call] ${call.function.name}(${call.function.arguments})`,
            );
            endsWithNewline = false;
          }
        }
      }
    } finally {
      // Also when the stream fails part-way: the error line starts on a line of its own.
      if (!endsWithNewline) context.stdout.write('\n');
    }
    return 0;
  },
};

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
