// Page-level building blocks: a titled section, the loading and empty states, and a status badge.
import type { ReactNode } from 'react';
import type { Problem } from '../api/types';
import { ProblemMessage } from './ProblemMessage';

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** What a load shows while it runs or when it failed; undefined once there is data to show. */
export function LoadState({ loading, problem }: { loading: boolean; problem: Problem | undefined }) {
  if (problem) return <ProblemMessage problem={problem} />;
  if (loading) return <Loading />;
  return null;
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
