const storageKey = 'gepa-aime.api-token';

/** The API token lives in sessionStorage: asked once per tab, gone when the tab closes. */
export function readToken(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(storageKey);
}
