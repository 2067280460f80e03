// A titled console panel: what it shows, whether its live data is fresh, and the problem when the last
// refresh failed (the last good data stays below it).
import type { ReactNode } from 'react';
import { problemOf } from '../../api/problem';
import { Loading } from '../../ui/Page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { Polled } from '../usePoll';

export function Panel(props: {
  title: ReactNode;
  live?: Polled<unknown>;
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const { live } = props;
  return (
    <section className={`panel${props.className ? ` ${props.className}` : ''}`} data-testid={props.testId}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {live && (
          <span className={`live${live.error ? ' stale' : ''}`} title="refreshed every few seconds">
            {live.updatedAt ? `live · ${live.updatedAt.toISOString().slice(11, 19)}` : 'loading'}
          </span>
        )}
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      {live?.error && <ProblemMessage problem={problemOf(live.error)} />}
      {live && live.data === undefined && !live.error ? <Loading /> : props.children}
    </section>
  );
}
