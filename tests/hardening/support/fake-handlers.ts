import type { FakeHandler, FakeReply } from '@gepa-aime/core/testing';
import {
  type AIMEResponderOptions,
  createAIMEResponder,
  isJudgeRequest,
} from '../../../bench/loop-overhead/aime-responder';

export type RequestRole = 'planner' | 'actor' | 'judge';

/** Judge requests ask for the `aime_verdict` schema, planner requests for the plan's; actor requests offer tools. */
export function roleOf(body: Record<string, unknown>): RequestRole {
  if (isJudgeRequest(body)) return 'judge';
  return body.response_format ? 'planner' : 'actor';
}

export function messagesOf(body: Record<string, unknown>): Array<{ role: string; content?: unknown }> {
  return Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content?: unknown }>) : [];
}

/** The stateless AIME responder (bench/loop-overhead) behind the fake server. */
export function responderHandler(options: AIMEResponderOptions, latencyMs = 0): FakeHandler {
  const respond = createAIMEResponder(options);
  return (body) => {
    const role = roleOf(body);
    const reply = respond({ messages: messagesOf(body), planner: role === 'planner', judge: role === 'judge' });
    return latencyMs > 0 ? { ...reply, latencyMs } : reply;
  };
}

/** Serves `fault` to the calls `when` selects and the normal responder to the rest. */
export function faultyHandler(
  normal: FakeHandler,
  when: (role: RequestRole, index: number) => boolean,
  fault: FakeReply | ((index: number) => FakeReply),
): FakeHandler {
  let index = 0;
  return (body, context) => {
    const current = index++;
    if (!when(roleOf(body), current)) return normal(body, context);
    return typeof fault === 'function' ? fault(current) : fault;
  };
}
