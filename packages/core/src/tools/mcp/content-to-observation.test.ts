import { describe, expect, it } from 'vitest';
import { contentToObservation } from './content-to-observation';

describe('contentToObservation', () => {
  it('keeps text, summarises binary content and lists resources as references', () => {
    const image = Buffer.alloc(3000, 7).toString('base64');
    const observation = contentToObservation({
      content: [
        { type: 'text', text: 'first' },
        { type: 'image', data: image, mimeType: 'image/png' },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'resource', resource: { uri: 'file:///notes.md', text: '# Notes' } },
        {
          type: 'resource',
          resource: { uri: 'file:///blob.bin', blob: 'AAECAw==', mimeType: 'application/octet-stream' },
        },
        { type: 'resource_link', uri: 'https://example.org/doc', name: 'doc', description: 'the doc' },
      ],
    });
    expect(observation.output.split('\n')).toEqual([
      'first',
      '[image: image/png, 2.9 KiB]',
      '[audio: audio/wav, 3 B]',
      '[resource file:///notes.md]',
      '# Notes',
      '[resource file:///blob.bin: application/octet-stream, 4 B]',
      '[resource link: doc <https://example.org/doc> — the doc]',
    ]);
    expect(observation.references).toEqual(['file:///notes.md', 'file:///blob.bin', 'https://example.org/doc']);
  });

  it('shows structured content when there is no content block, and says when there is nothing', () => {
    expect(contentToObservation({ content: [], structuredContent: { sum: 3 } }).output).toBe('{\n  "sum": 3\n}');
    expect(contentToObservation({}).output).toBe('(no content)');
  });
});
