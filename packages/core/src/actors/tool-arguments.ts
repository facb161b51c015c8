/** A tool call's raw argument text as JSON (empty → `{}`); text that is not JSON is kept as is. */
export function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
