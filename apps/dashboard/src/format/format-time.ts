/** "42s", "3m 05s", "1h 02m" — compact durations for badges and headers. */
export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  if (milliseconds < 1000) return `${Math.max(0, Math.round(milliseconds))}ms`;
  return `${seconds}s`;
}

/** Model time in a narrow column: "850ms", "4.2s", "42s", then as formatDuration ("3m 05s"). */
export function formatModelTime(milliseconds: number): string {
  const clamped = Math.max(0, milliseconds);
  if (clamped < 1000) return `${Math.round(clamped)}ms`;
  if (clamped < 9950) return `${(clamped / 1000).toFixed(1)}s`;
  return formatDuration(clamped);
}

/** "just now", "5m ago", "2h ago", "3d ago". */
export function formatAge(timestamp: number, now: number): string {
  const seconds = Math.floor((now - timestamp) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

export function formatClock(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Counts for narrow columns: exact below 100,000, then "123.5k" and "4.56M". */
export function formatCompactCount(value: number): string {
  if (Math.abs(value) < 100_000) return formatCount(value);
  if (Math.abs(value) < 1_000_000) return `${(value / 1000).toFixed(1)}k`;
  return `${(value / 1_000_000).toFixed(2)}M`;
}
