// A path the shop does not know, or a product or order that does not exist (or is not yours).
import { Link } from '../../ui/router';
import { useTitle } from '../../ui/useTitle';

export function NotFoundPage({
  title = 'Page not found',
  body = 'This page does not exist. It may have moved.',
}: {
  title?: string;
  body?: string;
}) {
  useTitle(title);
  return (
    <div className="card auth-card">
      <h1>{title}</h1>
      <p>{body}</p>
      <Link href="/">Back to the shop</Link>
    </div>
  );
}

/** A 400 (malformed id) or 404 means the thing is not there, whatever the id looked like. */
export function isMissing(problem: { status: number } | undefined): boolean {
  return problem?.status === 404 || problem?.status === 400;
}
