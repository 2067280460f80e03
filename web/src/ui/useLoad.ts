// Loads data for a page: the result, the problem if it failed, and a way to load again.
import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { problemOf } from '../api/problem';
import type { Problem } from '../api/types';

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on
  const run = useCallback(load, deps);
  useEffect(() => {
    if (round < 0) return; // `round` only asks for another load
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ problem: problemOf(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { ...state, data: state.data, problem: state.problem, reload: () => setRound((r) => r + 1) };
}
