import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { readlink } from 'node:fs/promises';

let supported: boolean | undefined;

/**
 * Whether open descriptors can be named as paths (`/proc/self/fd/N`, Linux). Then a directory that
 * was opened and verified once can be used like `openat`: `/proc/self/fd/N/name` resolves `name` in
 * that very directory, whatever was renamed or swapped for a symlink along its old path since.
 */
export function supportsDescriptorPaths(): boolean {
  supported ??= process.platform === 'linux' && existsSync('/proc/self/fd');
  return supported;
}

/** `/proc/self/fd/N`, or `/proc/self/fd/N/name` for an entry of the open directory N. */
export function descriptorPath(handle: FileHandle, name?: string): string {
  return name === undefined ? `/proc/self/fd/${handle.fd}` : `/proc/self/fd/${handle.fd}/${name}`;
}

/** Where the kernel says an open descriptor is (no symlinks), or undefined when it was deleted. */
export async function descriptorRealPath(handle: FileHandle): Promise<string | undefined> {
  const target = await readlink(descriptorPath(handle));
  return target.endsWith(' (deleted)') ? undefined : target;
}
