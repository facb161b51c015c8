export interface WebSearchResult {
  title: string;
  url: string;
  content: string;
}

export interface WebSearchRequest {
  maxResults: number;
  signal: AbortSignal;
  workspaceRoot: string;
}

/** Where `web_search` looks things up. `offline` backends must say so in the tool's output. */
export interface WebSearchBackend {
  readonly name: string;
  readonly offline: boolean;
  search(query: string, request: WebSearchRequest): Promise<WebSearchResult[]>;
}
