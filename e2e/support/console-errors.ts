import type { Page } from '@playwright/test';

/**
 * Collects the page's console errors and uncaught exceptions. Failed WebSocket handshakes while a
 * server is deliberately down are the browser reporting the outage the test caused, not app errors.
 */
export function collectConsoleErrors(page: Page, { allowConnectionErrors = false } = {}): string[] {
  const errors: string[] = [];
  const expected = (text: string) =>
    allowConnectionErrors && /WebSocket connection|ERR_CONNECTION_REFUSED|Failed to load resource/.test(text);
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
