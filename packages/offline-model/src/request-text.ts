import type { ChatMessage, ChatRequest } from '@gepa-aime/core';

/** Text of the last user message (empty when there is none). */
export function lastUserText(request: ChatRequest): string {
  return lastMessageText(request.messages, 'user');
}

export function lastMessageText(messages: ChatMessage[], role: ChatMessage['role']): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === role) return message.content ?? '';
  }
  return '';
}

/** Collapses whitespace and cuts at a word boundary, adding an ellipsis when shortened. */
export function summarise(text: string, maxChars = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const STOP_WORDS = new Set(
  'a an and are as at be by can do for from how i in is it me my of on or please show tell that the this to us we what where which who why with you your'.split(
    ' ',
  ),
);

/** The first few content words of `text`, lower-cased — a deterministic stand-in for "keywords". */
export function keywords(text: string, count = 3): string[] {
  const words = text.toLowerCase().match(/[a-z0-9_][a-z0-9_-]*/g) ?? [];
  const picked: string[] = [];
  for (const word of words) {
    if (STOP_WORDS.has(word) || picked.includes(word)) continue;
    picked.push(word);
    if (picked.length === count) break;
  }
  return picked;
}

/** A file-system path mentioned in `text`, if any (`src/app.ts`, `./docs`, `/tmp/x`). */
export function mentionedPath(text: string): string | undefined {
  const match = text.match(
    /(?:^|[\s"'`(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8}|\.{1,2}\/[\w./-]*)(?=$|[\s"'`),;:])/,
  );
  return match?.[1];
}
