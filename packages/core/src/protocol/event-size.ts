/**
 * Events travel as JSON (log lines, WebSocket frames), where escaping can grow a string six-fold
 * (`\u0001` for one control character). Sizes here are counted the way they travel: UTF-8 bytes of
 * the JSON text.
 */

/** No event is larger than this as JSON (the WebSocket back-pressure limit is a multiple of it). */
export const MAX_EVENT_BYTES = 256 * 1024;
/** A tool-result event carries at most this much of the tool's output, as escaped JSON. */
export const MAX_TOOL_OUTPUT_PREVIEW_BYTES = 64 * 1024;
/** Strings are not cut below this (escaped bytes) when an event is shrunk to fit. */
const MIN_KEPT_BYTES = 256;

/** UTF-8 bytes of `text` once JSON-escaped, without the quotes. */
export function escapedByteLength(text: string): number {
  return escapedPrefix(text, Number.POSITIVE_INFINITY).bytes;
}

/**
 * UTF-8 bytes of a value serialised as JSON (plain data: strings, numbers, booleans, null, arrays,
 * objects), counted by walking it instead of serialising: a 256 KiB string of control characters
 * would first become 1.5 MB of JSON text.
 */
export function jsonByteLength(value: unknown): number {
  return measure(value, escapedByteLength);
}

/** At least the JSON size, found without reading the strings (no character escapes to more than 6 bytes). */
function jsonByteUpperBound(value: unknown): number {
  return measure(value, (text) => text.length * 6);
}

function measure(value: unknown, stringBytes: (text: string) => number): number {
  if (typeof value === 'string') return stringBytes(value) + 2;
  if (value === null || typeof value !== 'object') return (JSON.stringify(value) ?? 'null').length;
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (const item of value) bytes += item === undefined ? 4 : measure(item, stringBytes);
    return bytes;
  }
  let bytes = 2;
  let members = 0;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    bytes += stringBytes(key) + 3 + measure(item, stringBytes);
    members += 1;
  }
  return bytes + Math.max(0, members - 1);
}

/**
 * `text` cut so that its escaped size, marker included, stays within `maxBytes`; unchanged when it
 * fits. The marker says how much was left out.
 */
export function previewText(text: string, maxBytes: number): string {
  if (escapedByteLength(text) <= maxBytes) return text;
  const marker = (left: number) => `… [${left} more characters not shown in events]`;
  const budget = Math.max(0, maxBytes - escapedByteLength(marker(text.length)));
  const { length } = escapedPrefix(text, budget);
  return `${text.slice(0, length)}${marker(text.length - length)}`;
}

/**
 * The event itself when it fits in `maxBytes` as JSON, else a copy whose longest strings are cut
 * (longest first, each with a marker) until it does. Schema-valid either way: strings stay strings.
 */
export function boundEventSize<T extends object>(event: T, maxBytes = MAX_EVENT_BYTES): T {
  if (jsonByteUpperBound(event) <= maxBytes) return event;
  let size = jsonByteLength(event);
  if (size <= maxBytes) return event;
  const copy = structuredClone(event);
  for (let round = 0; round < 1000 && size > maxBytes; round += 1) {
    const largest = largestString(copy);
    if (!largest || largest.bytes <= MIN_KEPT_BYTES) break;
    const target = Math.max(MIN_KEPT_BYTES, largest.bytes - (size - maxBytes));
    largest.holder[largest.key] = previewText(largest.holder[largest.key] as string, target);
    size = jsonByteLength(copy);
  }
  return copy;
}

interface StringSlot {
  holder: Record<string | number, unknown>;
  key: string | number;
  bytes: number;
}

function largestString(value: unknown): StringSlot | undefined {
  let best: StringSlot | undefined;
  const visit = (holder: Record<string | number, unknown>): void => {
    for (const key of Object.keys(holder)) {
      const item = holder[key];
      if (typeof item === 'string') {
        const bytes = escapedByteLength(item);
        if (!best || bytes > best.bytes) best = { holder, key, bytes };
      } else if (item !== null && typeof item === 'object') visit(item as Record<string, unknown>);
    }
  };
  if (value !== null && typeof value === 'object') visit(value as Record<string, unknown>);
  return best;
}

/** The longest prefix (in UTF-16 units, never splitting a surrogate pair) whose escaped size fits. */
function escapedPrefix(text: string, maxBytes: number): { length: number; bytes: number } {
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    let width = 1;
    let cost: number;
    if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x0c || code === 0x0a || code === 0x0d) cost = 2;
    else if (code === 0x09) cost = 2;
    else if (code < 0x20) cost = 6;
    else if (code < 0x80) cost = 1;
    else if (code < 0x800) cost = 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cost = 4;
        width = 2;
      } else cost = 6; // a lone surrogate is written as \udXXX
    } else if (code >= 0xdc00 && code <= 0xdfff) cost = 6;
    else cost = 3;
    if (bytes + cost > maxBytes) break;
    bytes += cost;
    index += width;
  }
  return { length: index, bytes };
}
