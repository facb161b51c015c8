import type { RunEvent } from '@gepa-aime/core';

const encodedEvents = new WeakMap<RunEvent, Buffer>();

/** A server → client message as the UTF-8 JSON text of one frame. */
export function encodeMessage(message: object): Buffer {
  return Buffer.from(JSON.stringify(message));
}

/**
 * A run event's frame, serialised once per event object: a live event fanned out to every
 * subscribed client (and held back for clients still replaying) is sent as the same buffer.
 */
export function encodeEvent(event: RunEvent): Buffer {
  let data = encodedEvents.get(event);
  if (data === undefined) {
    data = encodeMessage(event);
    encodedEvents.set(event, data);
  }
  return data;
}
