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
  /** True for a whole answer; false for a streamed prefix (then only what can no longer change). */
  final: boolean;
}

const LEADING_OPEN_TAG = /^\s*<\s*think\s*>/i;
const OPEN_TAG = /<\s*think\s*>/i;
const CLOSE_TAG = /<\s*\/\s*think\s*>/i;
/** Whitespace, or whitespace and the start of an opening tag: a think block may still follow. */
const OPEN_TAG_START = /^\s*(?:<\s*(?:t(?:h(?:i(?:n(?:k\s*)?)?)?)?)?)?$/i;
/** The start of a closing tag (text from a `<` to the end). */
const CLOSE_TAG_START = /^<\s*(?:\/\s*(?:t(?:h(?:i(?:n(?:k\s*)?)?)?)?)?)?$/i;

const unchanged = (text: string): ThinkSplit => ({ reasoning: '', content: text });
const undecided: ThinkSplit = { reasoning: '', content: '' };

/**
 * Splits a reasoning model's think block out of its text (vLLM without `--reasoning-parser`):
 * a leading `<think>…</think>` (case-insensitive, whitespace-tolerant) or, when `bareCloseTag`,
 * everything before the first `</think>` that has no opening tag before it. An unclosed leading
 * `<think>` makes the whole text reasoning. Text without a think block is returned unchanged.
 * With `final: false` the result is what is already certain for a streamed prefix: each later
 * result extends it, and the final result extends them all.
 */
export function splitThinkBlock(text: string, options: ThinkSplitOptions): ThinkSplit {
  const open = LEADING_OPEN_TAG.exec(text);
  if (open) return splitAfterOpenTag(text.slice(open[0].length), options.final);
  if (!options.final && OPEN_TAG_START.test(text)) return undecided;
  if (!options.bareCloseTag) return unchanged(text);
  const close = CLOSE_TAG.exec(text);
  const before = close ? text.slice(0, close.index) : text;
  if (OPEN_TAG.test(before)) return unchanged(text);
  if (!close) return options.final ? unchanged(text) : undecided;
  return { reasoning: before.trim(), content: text.slice(close.index + close[0].length).trimStart() };
}

function splitAfterOpenTag(inside: string, final: boolean): ThinkSplit {
  const close = CLOSE_TAG.exec(inside);
  if (close) {
    return {
      reasoning: inside.slice(0, close.index).trim(),
      content: inside.slice(close.index + close[0].length).trimStart(),
    };
  }
  if (final) return { reasoning: inside.trim(), content: '' };
  const lastAngle = inside.lastIndexOf('<');
  const certain = lastAngle >= 0 && CLOSE_TAG_START.test(inside.slice(lastAngle)) ? inside.slice(0, lastAngle) : inside;
  return { reasoning: certain.trim(), content: '' };
}

/**
 * Streaming counterpart of `splitThinkBlock`: takes content pieces and returns the reasoning and
 * content that became certain, holding back text while it may still belong to a think block.
 * What it returns over a stream adds up to `splitThinkBlock(whole, {final: true})`.
 */
export class ThinkBlockSplitter {
  private text = '';
  private reasoningSent = 0;
  private contentSent = 0;

  constructor(private readonly bareCloseTag: boolean) {}

  push(piece: string): ThinkSplit {
    this.text += piece;
    return this.advance(false);
  }

  /** Everything still held back, decided as for a whole answer. */
  finish(): ThinkSplit {
    return this.advance(true);
  }

  private advance(final: boolean): ThinkSplit {
    const split = splitThinkBlock(this.text, { bareCloseTag: this.bareCloseTag, final });
    const fresh = {
      reasoning: split.reasoning.slice(this.reasoningSent),
      content: split.content.slice(this.contentSent),
    };
    this.reasoningSent = split.reasoning.length;
    this.contentSent = split.content.length;
    return fresh;
  }
}
