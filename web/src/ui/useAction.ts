// What every button that calls the API needs: a busy flag while it runs, and the problem when it fails.
import { useCallback, useState } from 'react';
import { problemOf } from '../api/problem';
import type { Problem } from '../api/types';

export interface Action {
  busy: boolean;
  problem: Problem | undefined;
  /** Runs `work`; resolves with its result, or undefined after recording the problem. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await work();
    } catch (error) {
      setProblem(problemOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run };
}
