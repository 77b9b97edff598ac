import { useState } from 'react';
import { usersResponseSchema, type UsersResponse } from '../../../../contract/auth.ts';
import { fetchUsers, sendJson, useSession } from '../../auth.ts';
import '../../components/analytics.css';
import { ErrorSummary, type FieldError } from '../../components/error-summary.tsx';
import { Await } from '../../components/states.tsx';
import type { PageDef } from '../../page-list.ts';
import { PageTerms } from '../../glossary/page-terms.tsx';
import { useRequest } from '../../use-request.ts';
import { UserForm, type Change } from './user-form.tsx';
import { UserTokens } from './user-tokens.tsx';
import { UsersTable } from './users-table.tsx';

// Admin: who may sign in and with which role. Adding a user whose name exists changes their role (and password,
// if one is given). Every change is written to the audit log by the server.

export function UsersPage({ page }: { page: PageDef }) {
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;
  // The list as first loaded, then as each change's response returns it.
  const [updated, setUpdated] = useState<UsersResponse | null>(null);
  const state = useRequest('users', () => fetchUsers());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  /** Whose script tokens are shown below the table. */
  const [tokensOf, setTokensOf] = useState<string | null>(null);
  const reload = () => void fetchUsers().then(setUpdated, () => undefined);

  const change: Change = async (run, done) => {
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
        {(loaded) => <UsersTable users={(updated ?? loaded).users} self={me?.user?.name} showTokens={setTokensOf} remove={remove} />}
      </Await>
      <div id="user-tokens">{tokensOf ? <UserTokens user={tokensOf} onChange={reload} /> : null}</div>
      <h2 className="heading-l">Add a user or change a role</h2>
      <UserForm errors={errors} setErrors={setErrors} change={change} />
      <p>
        Tokens for scripts are issued on the server: <code>npm run users -- token &lt;name&gt; --token-name &lt;label&gt;</code>. They
        expire after 90 days unless the server sets another period.
      </p>
      <PageTerms page={page.id} />
    </>
  );
}
