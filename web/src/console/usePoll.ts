// Live data for a panel: loads at once, then again every few seconds while the page is visible. A failed
// refresh keeps the last good data on screen and reports the error beside it; a change of what is loaded
// (deps) clears the old data, so a page never shows another query's answer.
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export const REFRESH_MS = 5000;

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  /** When the data on screen was loaded. */
  updatedAt: Date | undefined;
  refresh: () => void;
}

type State<T> = Omit<Polled<T>, 'refresh'>;
const EMPTY = { data: undefined, error: undefined, updatedAt: undefined };

/** `intervalMs` 0 loads once (for lists that hardly change, such as the service names of a filter). */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, intervalMs = REFRESH_MS) {
  const [state, setState] = useState<State<T>>(EMPTY);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on
  const run = useCallback(load, deps);
  const lastRun = useRef(run);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new tick reloads on purpose
  useEffect(() => {
    if (lastRun.current !== run) {
      lastRun.current = run;
      setState(EMPTY);
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const once = async () => {
      try {
        const data = await run(controller.signal);
        if (!controller.signal.aborted) setState({ data, error: undefined, updatedAt: new Date() });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)) }));
      }
      if (!controller.signal.aborted && intervalMs > 0) timer = setTimeout(whenVisible, intervalMs);
    };
    const whenVisible = () => {
      if (document.visibilityState === 'visible') void once();
      else document.addEventListener('visibilitychange', () => void once(), { once: true, signal: controller.signal });
    };
    void once();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [run, tick, intervalMs]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, refresh } satisfies Polled<T>;
}
