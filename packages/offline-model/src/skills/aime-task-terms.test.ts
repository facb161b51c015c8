import { describe, expect, it } from 'vitest';
import { cleanTaskTitle, fileTypeIn, quotedStrings, refersBack, searchTerms } from './aime-task-terms';

describe('offline task terms', () => {
  it('extracts the search term: quoted strings, else identifiers, else content words — stop words dropped', () => {
    expect(searchTerms('Find where x is defined')).toEqual(['x']);
    expect(searchTerms('Where is buildWidget used?')).toEqual(['buildWidget']);
    expect(searchTerms('Which file defines the Widget class?')).toEqual(['Widget']);
    expect(searchTerms('Search for "TODO" in the code')).toEqual(['TODO']);
    expect(searchTerms('Find the installation instructions')).toEqual(['installation', 'instructions']);
    expect(searchTerms('Find MAX_RETRIES and parse_config')).toEqual(['MAX_RETRIES', 'parse_config']);
  });

  it('reads quoted strings but not apostrophes inside words', () => {
    expect(quotedStrings(`Find 'widget' and "two words" but not what's here`)).toEqual(['widget', 'two words']);
  });

  it('recognises clauses that refer back to an earlier result', () => {
    for (const title of [
      'Explain it',
      'Summarise them',
      'Describe the results',
      'Propose fixes for this',
      'Compare these',
    ])
      expect(refersBack(title), title).toBe(true);
    for (const title of ['Explain this project in detail', 'Read README.md', 'List the docs folder'])
      expect(refersBack(title), title).toBe(false);
  });

  it('drops the offline planner contingency note from a title', () => {
    expect(cleanTaskTitle('Read README.md (another way: the first attempt failed: Not found: x (y)…)')).toBe(
      'Read README.md',
    );
  });

  it('knows which files a counting task counts', () => {
    expect(fileTypeIn('How many TypeScript files are there?').matches('src/a.ts')).toBe(true);
    expect(fileTypeIn('How many TypeScript files are there?').matches('README.md')).toBe(false);
    expect(fileTypeIn('Count the test files').matches('tests/a.test.ts')).toBe(true);
    expect(fileTypeIn('Count the *.rs files').label).toBe('.rs files');
    expect(fileTypeIn('Count the files').matches('anything')).toBe(true);
  });
});
