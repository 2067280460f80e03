// Sign in and sign up; both return to where the visitor was going (`?next=`).
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Link, navigate } from '../../ui/router';
import { SignInForm } from '../../ui/SignInForm';
import { useAction } from '../../ui/useAction';
import { useTitle } from '../../ui/useTitle';

/** Only paths on this site, so `?next=` cannot send anyone elsewhere. */
function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? next : '/account';
}

export function SignInPage({ next }: { next: string }) {
  useTitle('Sign in');
  return (
    <div className="card auth-card">
      <h1>Sign in</h1>
      <SignInForm
        onSignedIn={() => navigate(safeNext(next), { replace: true })}
        footer={
          <p className="muted">
            New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </p>
        }
      />
    </div>
  );
}

export function SignUpPage({ next }: { next: string }) {
  const { signUp } = useSession();
  useTitle('Create your account');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const { busy, problem, run } = useAction();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => signUp(form))) navigate(safeNext(next), { replace: true });
  };

  return (
    <div className="card auth-card">
      <h1>Create your account</h1>
      <form className="form" onSubmit={submit} noValidate aria-label="Create account">
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={errors.name}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.password}
        />
        <ProblemMessage problem={problem} shownFields={['name', 'email', 'password']} />
        <Button type="submit" busy={busy} busyLabel="Creating your account…">
          Create account
        </Button>
        <p className="muted">
          Already have an account? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
        </p>
      </form>
    </div>
  );
}
