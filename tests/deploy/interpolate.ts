/**
 * Compose variable interpolation (`$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`), applied to every string in a parsed compose file, so the
 * checks read the file as `docker compose` would with a given environment.
 */
export class MissingVariableError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'MissingVariableError';
  }
}

const expression = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolateString(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    expression,
    (_match, dollar?: string, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (dollar) return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      const unset = operator?.startsWith(':') ? !value : value === undefined;
      if (operator?.endsWith('-')) return unset ? (argument ?? '') : (value ?? '');
      if (operator?.endsWith('?')) {
        if (unset) throw new MissingVariableError(name, argument || 'required variable is not set');
        return value ?? '';
      }
      return value ?? '';
    },
  );
}

export function interpolate<T>(node: T, env: Record<string, string | undefined>): T {
  if (typeof node === 'string') return interpolateString(node, env) as T;
  if (Array.isArray(node)) return node.map((item) => interpolate(item, env)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolate(value, env)])) as T;
  }
  return node;
}
