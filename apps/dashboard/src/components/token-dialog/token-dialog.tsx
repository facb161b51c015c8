import { type FormEvent, useEffect, useRef, useState } from 'react';

/** Asked once when the server answers 401; the token is kept in this tab's sessionStorage. */
export function TokenDialog({ onSubmit }: { onSubmit: (token: string) => void }) {
  const [token, setToken] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (token.trim()) onSubmit(token.trim());
  }

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="token-title"
        aria-describedby="token-description"
      >
        <form onSubmit={submit}>
          <h2 className="panel-title" id="token-title">
            API token required
          </h2>
          <p id="token-description" className="field-hint">
            This server was started with <code>AIME_API_TOKEN</code>. Enter it once; it stays in this tab only.
          </p>
          <label className="field-label" htmlFor="token-input">
            Token
          </label>
          <input
            id="token-input"
            ref={input}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
          <button type="submit" className="button button-primary">
            Connect
          </button>
        </form>
      </div>
    </div>
  );
}
