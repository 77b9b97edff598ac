import { useState, type FormEvent } from 'react';
import { roles, usersResponseSchema, type Role, type UsersResponse } from '../../../contract/auth.ts';
import { fetchUsers, roleLabels, sendJson, useSession } from '../auth.ts';
import '../components/analytics.css';
import { AdminTable } from '../components/admin-table.tsx';
import { ErrorSummary, TextField, type FieldError } from '../components/error-summary.tsx';
import { Await } from '../components/states.tsx';
import type { PageDef } from '../pages.ts';
import { PageTerms } from '../glossary/page-terms.tsx';
import { useRequest } from '../use-request.ts';
import { UserTokens } from './user-tokens.tsx';

// Admin: who may sign in and with which role. Adding a user whose name exists changes their role (and password,
// if one is given). Every change is written to the audit log by the server.

const roleHints: Record<Role, string> = {
  viewer: 'The dashboards: overview, needs, gaps, outcomes, Local Offer, budgets, adulthood, benchmarks, data quality',
  commissioner: 'Viewer pages, plus provision gaps, EHC journey, forecast and workload planner',
  analyst: 'Commissioner pages, plus CSV, workbook and board pack downloads',
  admin: 'Everything, plus uploads and this page',
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** A user's number of script tokens, with a button that shows them below the table. */
function TokenCount({ name, tokens, show }: { name: string; tokens: number; show: (name: string) => void }) {
  return (
    <>
      {tokens}{' '}
      {tokens > 0 ? (
        <button type="button" className="button button--secondary button--small" onClick={() => show(name)} aria-controls="user-tokens">
          Show<span className="visually-hidden"> the tokens of {name}</span>
        </button>
      ) : null}
    </>
  );
}

export function UsersPage({ page }: { page: PageDef }) {
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;
  // The list as first loaded, then as each change's response returns it.
  const [updated, setUpdated] = useState<UsersResponse | null>(null);
  const state = useRequest('users', () => fetchUsers());
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  /** Whose script tokens are shown below the table. */
  const [tokensOf, setTokensOf] = useState<string | null>(null);
  const reload = () => void fetchUsers().then(setUpdated, () => undefined);
  const fieldError = (field: string) => errors.find((e) => e.field === field)?.message;

  const change = async (run: () => Promise<UsersResponse>, done: string) => {
    try {
      setUpdated(await run());
      setStatus(done);
      setErrors([]);
      return true;
    } catch (error) {
      setErrors([{ field: 'user-name', message: error instanceof Error ? error.message : String(error) }]);
      return false;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!NAME.test(name.trim())) found.push({ field: 'user-name', message: 'Enter a user name of letters, digits or . _ @ -, starting with a letter or digit' });
    if (password && password.length < 12) found.push({ field: 'user-password', message: 'The password must be at least 12 characters' });
    setErrors(found);
    if (found.length > 0) return;
    const body = { name: name.trim(), role, ...(password ? { password } : {}) };
    if (await change(() => sendJson('POST', '/api/admin/users', body, (d) => usersResponseSchema.parse(d)), `${body.name} saved as ${roleLabels[role].toLowerCase()}`)) {
      setName('');
      setPassword('');
    }
  };

  const remove = (user: string) => void change(() => sendJson('DELETE', `/api/admin/users/${encodeURIComponent(user)}`, undefined, (d) => usersResponseSchema.parse(d)), `${user} removed`);

  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="heading-xl">{page.title}</h1>
      <p className="lead">{page.description}</p>
      {me?.has_password === false ? (
        <div className="notice" role="note">
          <strong>You have no password yet.</strong> You signed in with a one-time link: enter your user name ({me.user?.name}) below with
          your role and a password to set one.
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="users__status">
        {status}
      </p>
      <Await state={state} what="The users">
        {(loaded) => (
          <AdminTable
            caption="People who can sign in"
            className="users-table"
            testId="users-table"
            rows={(updated ?? loaded).users}
            rowKey={(u) => u.name}
            rowHeading={{ heading: 'User name', cell: (u) => u.name }}
            columns={[
              { heading: 'Role', cell: (u) => roleLabels[u.role] },
              { heading: 'Password', cell: (u) => (u.has_password ? 'Set' : 'None') },
              { heading: 'Script tokens', cell: (u) => <TokenCount name={u.name} tokens={u.tokens} show={setTokensOf} /> },
              { heading: 'Last changed', cell: (u) => u.updated.slice(0, 10) },
            ]}
            action={{ label: 'Remove', target: (u) => u.name, onClick: (u) => remove(u.name), disabled: (u) => u.name === me?.user?.name }}
          />
        )}
      </Await>
      <div id="user-tokens">{tokensOf ? <UserTokens user={tokensOf} onChange={reload} /> : null}</div>
      <h2 className="heading-l">Add a user or change a role</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="user-name" label="User name" hint="An existing user name changes that user's role" error={fieldError('user-name')} value={name} onChange={setName} autoComplete="off" width="20em" />
        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="label">Role</legend>
            {roles.map((r) => (
              <div className="radio" key={r}>
                <input className="radio__input" type="radio" id={`user-role-${r}`} name="user-role" value={r} checked={role === r} onChange={() => setRole(r)} aria-describedby={`user-role-${r}-hint`} />
                <label className="radio__label" htmlFor={`user-role-${r}`}>
                  {roleLabels[r]}
                </label>
                <div className="hint field-hint radio__hint" id={`user-role-${r}-hint`}>
                  {roleHints[r]}
                </div>
              </div>
            ))}
          </fieldset>
        </div>
        <TextField
          id="user-password"
          label="Password (optional)"
          hint="At least 12 characters. Leave empty to keep the current password; a new user without one can only use a script token"
          type="password"
          error={fieldError('user-password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          width="20em"
        />
        <button type="submit" className="button">
          Save user
        </button>
      </form>
      <p>
        Tokens for scripts are issued on the server: <code>npm run users -- token &lt;name&gt; --token-name &lt;label&gt;</code>. They
        expire after 90 days unless the server sets another period.
      </p>
      <PageTerms page={page.id} />
    </>
  );
}
