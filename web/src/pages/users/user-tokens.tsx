import { useEffect, useState } from 'react';
import { tokensResponseSchema, type TokensResponse } from '../../../../contract/auth.ts';
import { handleAuthStatus, sendJson } from '../../auth.ts';
import { AdminTable } from '../../components/admin-table.tsx';

// Admin: one user's script tokens (name, issued, expires, last used) with a Revoke button each. Tokens are issued
// on the server (npm run users -- token); the page never sees a token or its hash.

const path = (user: string) => `/api/admin/users/${encodeURIComponent(user)}/tokens`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'Never');

async function fetchTokens(user: string): Promise<TokensResponse> {
  const response = await fetch(path(user), { headers: { accept: 'application/json' }, cache: 'no-store' });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    handleAuthStatus(response.status);
    throw new Error(`The tokens could not be loaded (${response.status})`);
  }
  return tokensResponseSchema.parse(data);
}

/** The tokens of `user`; `onChange` after a revocation (the users table shows counts). */
export function UserTokens({ user, onChange }: { user: string; onChange: () => void }) {
  const [tokens, setTokens] = useState<TokensResponse | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    setTokens(null);
    fetchTokens(user).then(setTokens, (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)));
  }, [user]);

  const revoke = async (id: string, name: string) => {
    try {
      setTokens(await sendJson('DELETE', `${path(user)}/${encodeURIComponent(id)}`, undefined, (d) => tokensResponseSchema.parse(d)));
      setMessage(`Token ${name} of ${user} revoked: it no longer works`);
      onChange();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section aria-labelledby="user-tokens-heading" data-testid="user-tokens">
      <h2 className="heading-l" id="user-tokens-heading">
        Script tokens of {user}
      </h2>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {tokens === null ? null : tokens.tokens.length === 0 ? (
        <p>{user} has no script tokens.</p>
      ) : (
        <AdminTable
          caption="Tokens stop working on their expiry date or when revoked"
          rows={tokens.tokens}
          rowKey={(t) => t.id}
          rowHeading={{ heading: 'Token name', cell: (t) => t.name }}
          columns={[
            { heading: 'Issued', cell: (t) => day(t.created) },
            { heading: 'Expires', cell: (t) => (t.expired ? `Expired ${day(t.expires)}` : day(t.expires)) },
            { heading: 'Last used', cell: (t) => day(t.last_used) },
          ]}
          action={{ label: 'Revoke', target: (t) => `token ${t.name}`, onClick: (t) => void revoke(t.id, t.name) }}
        />
      )}
    </section>
  );
}
