import type { OfflineSkill } from '../offline-skill';
import { lastMessageText, lastUserText, summarise } from '../request-text';

const GREETING = /^\s*(hello|hi|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b/i;
const ARITHMETIC = /(-?\d+(?:\.\d+)?)\s*([+\-*/x×÷])\s*(-?\d+(?:\.\d+)?)/;

/**
 * Plain chat, the catch-all: greets back, does one simple arithmetic operation, and otherwise
 * summarises what it was told — always saying that it is the offline, rule-based model.
 */
export const plainChatSkill: OfflineSkill = {
  name: 'plain-chat',
  handles: () => true,
  respond(request) {
    const last = request.messages.at(-1);
    if (last?.role === 'tool') {
      return {
        content: `Offline model: the tool returned: ${summarise(lastMessageText(request.messages, 'tool'), 400)}`,
      };
    }
    const text = lastUserText(request);
    if (GREETING.test(text)) {
      return {
        content:
          "Hello! I'm the offline model: a deterministic, rule-based stand-in for a language model, so GEPA-AIME " +
          'runs without a GPU. I can chat simply, fill structured output and make tool calls. Set provider: vllm ' +
          'in config/model_config.yaml to use a real model.',
      };
    }
    const arithmetic = solveArithmetic(text);
    if (arithmetic !== undefined) return { content: `Offline model: ${arithmetic}` };
    if (!text.trim()) return { content: 'Offline model: there was no message to answer.' };
    const words = text.trim().split(/\s+/).length;
    return {
      content:
        `Offline model (deterministic, rule-based; no language model is running). You said: "${summarise(text)}" ` +
        `(${words} word${words === 1 ? '' : 's'}). I can only echo and summarise plain chat; point ` +
        'config/model_config.yaml at a vLLM or OpenAI-compatible server for real answers.',
    };
  },
};

function solveArithmetic(text: string): string | undefined {
  const match = text.match(ARITHMETIC);
  if (!match) return undefined;
  const left = Number(match[1]);
  const right = Number(match[3]);
  const operator = match[2];
  let result: number;
  if (operator === '+') result = left + right;
  else if (operator === '-') result = left - right;
  else if (operator === '*' || operator === 'x' || operator === '×') result = left * right;
  else if (right === 0) return `${match[0]} is undefined (division by zero).`;
  else result = left / right;
  return `${match[0].trim()} = ${Number(result.toFixed(10))}`;
}
