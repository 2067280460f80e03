// Sends requests through the mesh and gathers what came back.

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** `count` requests, `concurrency` at a time. */
export async function sendMany(
  url: string,
  count: number,
  concurrency: number,
  init: RequestInit = {},
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        answers.push(await send(url, init));
      }
    }),
  );
  return answers;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (for state that changes asynchronously: reloads, ejection sweeps). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting until ${what}`);
}
