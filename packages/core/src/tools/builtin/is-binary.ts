/** A buffer looks binary when it holds a NUL byte or is not valid UTF-8 (checked on its first 8 KiB). */
export function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample.includes(0)) return true;
  try {
    // A multi-byte character cut at the sample's end is not a sign of binary content.
    new TextDecoder('utf-8', { fatal: true }).decode(trimIncompleteCharacter(sample));
    return false;
  } catch {
    return true;
  }
}

function trimIncompleteCharacter(sample: Buffer): Buffer {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = sample[end - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (needed > back) end -= back;
    }
    break;
  }
  return sample.subarray(0, end);
}
