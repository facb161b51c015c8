/**
 * Child process for the online-GEPA crash test: warm-starts LightweightOnlineGEPA from the trace
 * file given as argv[2], then records task outcomes as fast as it can (most of them failures, so
 * reflective mutation keeps proposing candidates), printing the state after each written record,
 * until it is killed. Bounded: at most 100 000 records.
 */
import { LightweightOnlineGEPA } from '@gepa-aime/core';
import { WRITER_GEPA_CONFIG } from './online-gepa-config';

const tracePath = process.argv[2];
if (!tracePath) throw new Error('usage: online-gepa-writer.ts <trace file>');
let proposals = 0;
const optimizer = await LightweightOnlineGEPA.create({
  tracePath,
  config: WRITER_GEPA_CONFIG,
  logger: { warn() {} },
  reflectionModel: async (prompt) => {
    proposals += 1;
    const current = /```\n?([\s\S]*?)```/.exec(prompt)?.[1]?.trim() ?? '';
    return `\`\`\`\n${current}\n- Lesson ${process.pid}-${proposals}: check the inputs before acting.\n\`\`\``;
  },
});
const start = optimizer.metrics().traceRecords;
for (let index = 0; index < 100_000; index++) {
  const component = index % 2 === 0 ? 'planner' : 'actor';
  const prompt = optimizer.currentPrompt(component);
  await optimizer.record({
    runId: `writer-${process.pid}`,
    goal: 'Crash-test goal',
    taskId: String(index),
    taskTitle: `Task ${index}`,
    component,
    candidateId: prompt.candidateId,
    prompt: prompt.text,
    response: 'x'.repeat(300),
    score: index % 5 < 3 ? 0 : 1,
    feedback: `Task ${index} failed: the file was missing`,
  });
  const metrics = optimizer.metrics();
  process.stdout.write(
    `${JSON.stringify({
      written: index + 1,
      start,
      planner: metrics.current.planner?.candidateId,
      actor: metrics.current.actor?.candidateId,
      candidates: metrics.candidates.length,
    })}\n`,
  );
}
