// A thin client for the public API, for system tests: every call goes through the gateway over HTTP.
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  body: any;
}

export function shopClient(gateway: string) {
  async function call(
    method: string,
    path: string,
    init: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(gateway + path, {
      method,
      headers,
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body } as Reply;
  }
  return {
    call,
    get: (path: string, token?: string) => call('GET', path, token ? { token } : {}),
    post: (path: string, body: unknown, token?: string) => call('POST', path, { body, ...(token ? { token } : {}) }),
    async signIn(email: string, password: string) {
      const res = await call('POST', '/api/users/v1/sessions', { body: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { access_token: string; refresh_token: string };
    },
  };
}
