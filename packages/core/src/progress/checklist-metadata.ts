/**
 * The compact metadata comment that ends a checklist line, invisible when the markdown is rendered:
 *   `- [ ] Write the summary <!-- id: 1.2; after: 1.1; persona: technical writer; bundles: default -->`
 * Values escape `\`, `;` and `>` (and `,` inside lists) with a backslash.
 */
export interface ChecklistMetadata {
  id?: string;
  dependsOn?: string[];
  persona?: string;
  bundles?: string[];
}

const COMMENT_AT_END = /\s*<!--((?:(?!-->).)*)-->\s*$/;

export function renderMetadata(metadata: ChecklistMetadata): string {
  const fields: string[] = [];
  if (metadata.id) fields.push(`id: ${escapeValue(metadata.id, false)}`);
  if (metadata.dependsOn && metadata.dependsOn.length > 0) {
    fields.push(`after: ${metadata.dependsOn.map((id) => escapeValue(id, true)).join(', ')}`);
  }
  if (metadata.persona) fields.push(`persona: ${escapeValue(metadata.persona, false)}`);
  if (metadata.bundles && metadata.bundles.length > 0) {
    fields.push(`bundles: ${metadata.bundles.map((bundle) => escapeValue(bundle, true)).join(', ')}`);
  }
  return fields.length === 0 ? '' : `<!-- ${fields.join('; ')} -->`;
}

/** Splits a line's text into title and metadata; a trailing comment that is not metadata stays in the title. */
export function splitMetadata(text: string): { title: string; metadata: ChecklistMetadata } {
  const match = COMMENT_AT_END.exec(text);
  if (!match) return { title: text.trim(), metadata: {} };
  const metadata = parseMetadata(match[1] ?? '');
  if (!metadata) return { title: text.trim(), metadata: {} };
  return { title: text.slice(0, match.index).trim(), metadata };
}

function parseMetadata(body: string): ChecklistMetadata | undefined {
  const metadata: ChecklistMetadata = {};
  const fields = splitUnescaped(body, ';').filter((field) => field.trim() !== '');
  if (fields.length === 0) return undefined;
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon < 0) return undefined;
    const key = field.slice(0, colon).trim().toLowerCase();
    const value = field.slice(colon + 1).trim();
    if (key === 'id') metadata.id = unescapeValue(value);
    else if (key === 'after' || key === 'deps' || key === 'depends on') metadata.dependsOn = parseList(value);
    else if (key === 'persona') metadata.persona = unescapeValue(value);
    else if (key === 'bundles') metadata.bundles = parseList(value);
    else return undefined;
  }
  return metadata;
}

function parseList(value: string): string[] {
  return splitUnescaped(value, ',')
    .map((item) => unescapeValue(item.trim()))
    .filter((item) => item !== '');
}

function escapeValue(value: string, inList: boolean): string {
  const pattern = inList ? /[\\;>,]/g : /[\\;>]/g;
  return value.replace(pattern, (character) => `\\${character}`);
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Splits on `separator` where it is not preceded by an escaping backslash; escapes are kept. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\' && index + 1 < text.length) {
      current += character + text[index + 1];
      index += 1;
    } else if (character === separator) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}
