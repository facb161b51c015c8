/** Drops the oldest items so that at most `max` remain (rolling windows, the timeline). */
export function trimFront<T>(items: T[], max: number): void {
  if (items.length > max) items.splice(0, items.length - max);
}
