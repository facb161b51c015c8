/**
 * How a 400 names a field for a person: `body.goal` → `goal`, `querystring.limit` → `query
 * parameter limit`, `params.id` → `path parameter id`, `body` → `body`. The `fields[].path` of the
 * answer keeps the full path for programs.
 */
export function fieldLabel(path: string): string {
  const [context = '', ...rest] = path.split('.');
  if (rest.length === 0) return context;
  const name = rest.map((part) => (part === '' ? '""' : part)).join('.');
  if (context === 'querystring') return `query parameter ${name}`;
  if (context === 'params') return `path parameter ${name}`;
  return name;
}

/** `goal is required`, `maxIterations must be a whole number from 1 to 100`, `limit: Too big: …`. */
export function describeField(path: string, message: string): string {
  const label = fieldLabel(path);
  return /^(is|must|has|may) /.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}
