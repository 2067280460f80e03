// Shows an API problem as words: a plain title for its status, the service's detail, and the field
// messages that no form field has shown next to itself. Announced to screen readers as an alert.
import { readableMessage } from '../api/problem';
import type { Problem } from '../api/types';

/** HTTP's own titles ("Conflict", "Unprocessable Entity") said the way a person would. */
const PLAIN_TITLES: Record<number, string> = {
  400: 'Some details need fixing',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'That cannot be done right now',
  413: 'That is too large',
  429: 'Too many tries: wait a moment',
};

const fieldOf = (path: string) => path.replace(/^body\//, '').replaceAll('/', '.');

export function ProblemMessage({
  problem,
  shownFields = [],
  titles = {},
}: {
  problem: Problem | undefined;
  shownFields?: string[];
  /** Titles for this place, by status (e.g. 401 on a sign-in form). */
  titles?: Partial<Record<number, string>>;
}) {
  if (!problem) return null;
  const errors = problem.errors ?? [];
  const placedAll = errors.length > 0 && errors.every((e) => shownFields.some((f) => fieldOf(e.path).startsWith(f)));
  const others = errors.filter((e) => !shownFields.some((f) => fieldOf(e.path).startsWith(f)));
  const title =
    titles[problem.status] ??
    PLAIN_TITLES[problem.status] ??
    (problem.status >= 500 ? 'The shop had a problem' : problem.title);
  return (
    <div className="problem" role="alert">
      <strong>{title}</strong>
      {placedAll ? <p>Check the fields marked in red.</p> : problem.detail ? <p>{problem.detail}</p> : null}
      {others.length > 0 ? (
        <ul>
          {others.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {fieldOf(e.path).replaceAll('.', ' › ')}: {readableMessage(e.message)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
