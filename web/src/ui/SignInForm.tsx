// Email and password sign-in, shared by the shop, the admin and the console. Refusals from the
// users service (401 bad credentials, 400 with field errors) appear beside the form.
import { type FormEvent, type ReactNode, useState } from 'react';
import { fieldErrors } from '../api/problem';
import type { Me } from '../api/types';
import { useSession } from '../session/session';
import { Button } from './Button';
import { TextField } from './Field';
import { ProblemMessage } from './ProblemMessage';
import { useAction } from './useAction';

export function SignInForm({
  onSignedIn,
  initialEmail = '',
  footer,
}: {
  onSignedIn?(user: Me): void;
  initialEmail?: string;
  footer?: ReactNode;
}) {
  const { signIn } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const { busy, problem, run } = useAction();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const user = await run(() => signIn(email, password));
    if (user) onSignedIn?.(user);
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Sign in">
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <ProblemMessage problem={problem} shownFields={['email', 'password']} titles={{ 401: 'Could not sign you in' }} />
      <Button type="submit" busy={busy} busyLabel="Signing in…">
        Sign in
      </Button>
      {footer}
    </form>
  );
}
