/** actor-step events carry at most this much of an observation (the full text is in tool-result). */
export const MAX_STEP_OBSERVATION_CHARS = 4000;

/** An observation cut for an actor-step event, saying how much was left out. */
export function clipObservation(observation: string): string {
  if (observation.length <= MAX_STEP_OBSERVATION_CHARS) return observation;
  return `${observation.slice(0, MAX_STEP_OBSERVATION_CHARS)}… [${observation.length - MAX_STEP_OBSERVATION_CHARS} more characters in the tool-result event]`;
}
