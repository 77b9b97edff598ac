import { useState, type FormEvent } from 'react';
import { safeNext, signIn } from '../auth.ts';
import '../components/analytics.css';
import { ErrorSummary, TextField, type FieldError } from '../components/error-summary.tsx';
import { navigate, useLocation } from '../router.tsx';

// GOV.UK sign-in form. The server gives one message for any wrong user name or password (it does not say which),
// locks an account after repeated failures and limits attempts per address.

export function SignInPage() {
  const { query } = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => errors.find((e) => e.field === field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!name.trim()) found.push({ field: 'sign-in-name', message: 'Enter your user name' });
    if (!password) found.push({ field: 'sign-in-password', message: 'Enter your password' });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await signIn(name.trim(), password);
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (error) {
      setPassword('');
      setErrors([{ field: 'sign-in-name', message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <ErrorSummary errors={errors} />
      <h1 className="heading-xl">Sign in</h1>
      <p>This dashboard shows information about children and young people with special educational needs and disabilities. Sign in with the user name and password your administrator gave you.</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="sign-in-name" label="User name" error={fieldError('sign-in-name')} value={name} onChange={setName} autoComplete="username" width="20em" />
        <TextField id="sign-in-password" label="Password" type="password" error={fieldError('sign-in-password')} value={password} onChange={setPassword} autoComplete="current-password" width="20em" />
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          Sign in
        </button>
      </form>
      <p>If you have forgotten your password, ask an administrator to set a new one.</p>
    </div>
  );
}

/** Shown when the user's role does not reach the page, or the API answered 403. */
export function AccessDenied() {
  return (
    <>
      <h1 className="heading-xl">You do not have access to this page</h1>
      <p>Your role does not include this part of the dashboard.</p>
      <p>If you need it for your work, ask an administrator to change your role.</p>
      <p>
        <a href="/">Go to the Overview</a>
      </p>
    </>
  );
}
