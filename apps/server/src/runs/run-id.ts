import { randomBytes } from 'node:crypto';

/** `run-<UTC yyyymmdd-hhmmss>-<8 hex>`: sortable by creation, safe as a file name. */
export function createRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}
