import { useEffect, useState } from 'react';

export type Route = { view: 'runs'; runId?: string } | { view: 'gepa' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'gepa') return { view: 'gepa' };
  const match = /^runs\/([^/?#]+)/.exec(path);
  return match?.[1] ? { view: 'runs', runId: decodeURIComponent(match[1]) } : { view: 'runs' };
}

export function runHref(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}

/** Hash routing keeps the open run in the URL, so a reload comes back to the same view. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
