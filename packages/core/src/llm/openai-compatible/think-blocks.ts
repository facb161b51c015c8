export interface ThinkSplit {
  /** The chain of thought found in think tags (trimmed), '' when none. */
  reasoning: string;
  /** The answer: the text after the think block, or the input unchanged when it has none. */
  content: string;
}

export interface ThinkSplitOptions {
  /**
   * Whether a `</think>` without an opening tag ends a think block (chat templates that put
   * `<think>` in the prompt). Off when the server already separated the reasoning.
   */
  bareCloseTag: boolean;
}

const LEADING_OPEN_TAG = /^\s*<\s*think\s*>/i;
const OPEN_TAG = /<\s*think\s*>/i;
const CLOSE_TAG = /<\s*\/\s*think\s*>/i;
/** An opening or a closing tag; group 1 is set for a closing tag. */
const ANY_TAG = /<\s*(\/\s*)?think\s*>/i;
/** Whitespace, or whitespace and the start of an opening tag: a think block may still follow. */
const OPEN_TAG_START = /^\s*(?:<\s*(?:t(?:h(?:i(?:n(?:k\s*)?)?)?)?)?)?$/i;
/** The start of a closing tag (text from a `<` to the end). */
const CLOSE_TAG_START = /^<\s*(?:\/\s*(?:t(?:h(?:i(?:n(?:k\s*)?)?)?)?)?)?$/i;
/** The start of an opening or a closing tag. */
const ANY_TAG_START = /^<\s*(?:\/\s*)?(?:t(?:h(?:i(?:n(?:k\s*)?)?)?)?)?$/i;

const unchanged = (text: string): ThinkSplit => ({ reasoning: '', content: text });

/**
 * Splits a reasoning model's think block out of its text (vLLM without `--reasoning-parser`):
 * a leading `<think>…</think>` (case-insensitive, whitespace-tolerant) or, when `bareCloseTag`,
 * everything before the first `</think>` that has no opening tag before it. An unclosed leading
 * `<think>` makes the whole text reasoning. Text without a think block is returned unchanged.
 */
export function splitThinkBlock(text: string, options: ThinkSplitOptions): ThinkSplit {
  const open = LEADING_OPEN_TAG.exec(text);
  if (open) {
    const inside = text.slice(open[0].length);
    const close = CLOSE_TAG.exec(inside);
    if (!close) return { reasoning: inside.trim(), content: '' };
    return {
      reasoning: inside.slice(0, close.index).trim(),
      content: inside.slice(close.index + close[0].length).trimStart(),
    };
  }
  if (!options.bareCloseTag) return unchanged(text);
  const close = CLOSE_TAG.exec(text);
  if (!close || OPEN_TAG.test(text.slice(0, close.index))) return unchanged(text);
  return {
    reasoning: text.slice(0, close.index).trim(),
    content: text.slice(close.index + close[0].length).trimStart(),
  };
}

type Phase =
  /** Only whitespace and maybe the start of an opening tag so far. */
  | 'start'
  /** Inside a leading think block: reasoning streams until its closing tag. */
  | 'inside'
  /** `bareCloseTag` and no tag yet: everything is held back until a tag or the end decides. */
  | 'bare'
  /** Decided: the rest is content. */
  | 'content';

/**
 * Streaming counterpart of `splitThinkBlock`: takes content pieces and returns the reasoning and
 * content that became certain, holding back text while it may still belong to a think block.
 * What it returns over a stream adds up to `splitThinkBlock(whole)`. Each piece costs time in
 * proportion to its own length (plus a held-back partial tag), not to the text so far.
 */
export class ThinkBlockSplitter {
  private phase: Phase = 'start';
  /** `start`: the text so far. `inside` / `bare`: a trailing partial tag still to be scanned. */
  private pending = '';
  /** `bare`: everything held back, in pieces. */
  private readonly held: string[] = [];
  /** `inside`: reasoning has begun (leading whitespace is dropped until it does). */
  private reasoningStarted = false;
  /** `inside`: trailing whitespace of the reasoning, sent only if more reasoning follows. */
  private reasoningWhitespace = '';
  /** `content`: leading whitespace is still dropped (the text after a think block is trimmed). */
  private trimContentStart = false;

  constructor(private readonly bareCloseTag: boolean) {}

  push(piece: string): ThinkSplit {
    switch (this.phase) {
      case 'start':
        return this.pushStart(piece);
      case 'inside':
        return this.pushInside(piece, false);
      case 'bare':
        return this.pushBare(piece);
      case 'content':
        return { reasoning: '', content: this.contentOf(piece) };
    }
  }

  /** Everything still held back, decided as for a whole answer. */
  finish(): ThinkSplit {
    const phase = this.phase;
    this.phase = 'content';
    if (phase === 'inside') return this.pushInside('', true);
    if (phase === 'bare') return unchanged(this.held.join(''));
    const rest = this.pending;
    this.pending = '';
    return unchanged(rest);
  }

  private pushStart(piece: string): ThinkSplit {
    const text = this.pending + piece;
    this.pending = '';
    const open = LEADING_OPEN_TAG.exec(text);
    if (open) {
      this.phase = 'inside';
      return this.pushInside(text.slice(open[0].length), false);
    }
    if (OPEN_TAG_START.test(text)) {
      this.pending = text;
      return { reasoning: '', content: '' };
    }
    if (!this.bareCloseTag) {
      this.phase = 'content';
      return unchanged(text);
    }
    this.phase = 'bare';
    return this.pushBare(text);
  }

  private pushInside(piece: string, final: boolean): ThinkSplit {
    const window = this.pending + piece;
    const close = CLOSE_TAG.exec(window);
    if (close) {
      this.phase = 'content';
      this.trimContentStart = true;
      this.pending = '';
      return {
        reasoning: this.reasoningOf(window.slice(0, close.index), true),
        content: this.contentOf(window.slice(close.index + close[0].length)),
      };
    }
    const partial = final ? -1 : partialTagIndex(window, CLOSE_TAG_START);
    this.pending = partial < 0 ? '' : window.slice(partial);
    return { reasoning: this.reasoningOf(partial < 0 ? window : window.slice(0, partial), final), content: '' };
  }

  private pushBare(piece: string): ThinkSplit {
    const window = this.pending + piece;
    this.held.push(piece);
    const tag = ANY_TAG.exec(window);
    if (!tag) {
      const partial = partialTagIndex(window, ANY_TAG_START);
      this.pending = partial < 0 ? '' : window.slice(partial);
      return { reasoning: '', content: '' };
    }
    const text = this.held.join('');
    this.phase = 'content';
    this.pending = '';
    if (!tag[1]) return unchanged(text);
    const closeIndex = text.length - window.length + tag.index;
    this.trimContentStart = true;
    return {
      reasoning: text.slice(0, closeIndex).trim(),
      content: this.contentOf(text.slice(closeIndex + tag[0].length)),
    };
  }

  /** Certain reasoning text as it extends the trimmed reasoning (`last`: nothing follows it). */
  private reasoningOf(text: string, last: boolean): string {
    let reasoning = this.reasoningWhitespace + text;
    if (!this.reasoningStarted) {
      reasoning = reasoning.trimStart();
      this.reasoningStarted = reasoning !== '';
    }
    const body = reasoning.trimEnd();
    this.reasoningWhitespace = last ? '' : reasoning.slice(body.length);
    return body;
  }

  private contentOf(piece: string): string {
    if (!this.trimContentStart) return piece;
    const content = piece.trimStart();
    this.trimContentStart = content === '';
    return content;
  }
}

/** Index of the `<` that starts a partial tag at the end of `window` (-1 when none). */
function partialTagIndex(window: string, tagStart: RegExp): number {
  const last = window.lastIndexOf('<');
  return last >= 0 && tagStart.test(window.slice(last)) ? last : -1;
}
