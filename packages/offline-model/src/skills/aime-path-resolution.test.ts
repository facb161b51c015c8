import { describe, expect, it } from 'vitest';
import {
  closestFile,
  directoryIn,
  explicitPaths,
  type ListingEntry,
  matchEntries,
  parseListingTree,
  targetPath,
} from './aime-path-resolution';

const LISTING = [
  'Directory . (9 entries, depth 3):',
  '[dir] docs/',
  '  [file] guide.md (120 B)',
  '[dir] node_modules/ (contents skipped)',
  '[dir] src/',
  '  [dir] lib/',
  '    [file] util.ts (40 B)',
  '  [file] index.ts (1.2 KB)',
  '[file] docker-compose.yml (80 B)',
  '[file] package.json (200 B)',
  '[file] README.md (1 KB)',
].join('\n');

describe('offline path resolution', () => {
  it('parses a nested listing into workspace paths', () => {
    const { entries } = parseListingTree(LISTING);
    expect(entries.map((entry) => `${entry.kind} ${entry.path}`)).toEqual([
      'dir docs',
      'file docs/guide.md',
      'dir node_modules',
      'dir src',
      'dir src/lib',
      'file src/lib/util.ts',
      'file src/index.ts',
      'file docker-compose.yml',
      'file package.json',
      'file README.md',
    ]);
  });

  it('matches file names mentioned in a task, case-insensitive, with or without extension', () => {
    const { entries } = parseListingTree(LISTING);
    expect(matchEntries('Read the README', entries, 'file')).toEqual(['README.md']);
    expect(matchEntries('summarise readme', entries, 'file')).toEqual(['README.md']);
    expect(matchEntries('Explain the package json', entries, 'file')[0]).toBe('package.json');
    expect(matchEntries('Explain the docker compose file', entries, 'file')).toEqual(['docker-compose.yml']);
    expect(matchEntries('Summarise the guide', entries, 'file')).toEqual(['docs/guide.md']);
    expect(matchEntries('Read the changelog', entries, 'file')).toEqual([]);
    expect(matchEntries('documentation', entries, 'dir')).toEqual(['docs']);
  });

  it('prefers the plainest name when several files match (docker-compose.yml over docker-compose.offline.yml)', () => {
    const entries: ListingEntry[] = [
      { path: 'docker-compose.offline.yml', kind: 'file' },
      { path: 'docker-compose.yml', kind: 'file' },
    ];
    expect(matchEntries('Explain the docker compose file', entries, 'file')[0]).toBe('docker-compose.yml');
  });

  it('finds the real file for a missing path by name', () => {
    const entries: ListingEntry[] = [
      { path: 'README.md', kind: 'file' },
      { path: 'docs/Guide.md', kind: 'file' },
    ];
    expect(closestFile('readme.md', entries)).toBe('README.md');
    expect(closestFile('guide.md', entries)).toBe('docs/Guide.md');
    expect(closestFile('missing.md', entries)).toBeUndefined();
  });

  it('finds explicit paths, the write target and the folder a task names', () => {
    expect(explicitPaths('Compare README.md and ./docs/guide.md, version 1.2.0')).toEqual([
      'README.md',
      'docs/guide.md',
    ]);
    expect(targetPath('Read a.md and write a summary to notes/summary.md')).toBe('notes/summary.md');
    expect(directoryIn('What files are in src?')).toBe('src');
    expect(directoryIn('List the docs folder')).toBe('docs');
    expect(directoryIn('Describe the packages/core/src directory')).toBe('packages/core/src');
    expect(directoryIn("Find all mentions of 'x' in docs")).toBe('docs');
    expect(directoryIn('List the files in the workspace')).toBeUndefined();
    expect(directoryIn('Summarise the contents of README.md')).toBeUndefined();
  });
});
