/** Cuts text to `max` characters, marking the cut with an ellipsis (keeps trace lines small). */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
