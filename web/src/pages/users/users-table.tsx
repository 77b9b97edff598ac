import type { UsersResponse } from '../../../../contract/auth.ts';
import { roleLabels } from '../../auth.ts';
import { AdminTable } from '../../components/admin-table.tsx';

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

/** Everyone who can sign in, with their role, password, tokens and a Remove button (not for oneself). */
export function UsersTable({ users, self, showTokens, remove }: { users: UsersResponse['users']; self: string | undefined; showTokens: (name: string) => void; remove: (name: string) => void }) {
  return (
    <AdminTable
      caption="People who can sign in"
      className="users-table"
      testId="users-table"
      rows={users}
      rowKey={(u) => u.name}
      rowHeading={{ heading: 'User name', cell: (u) => u.name }}
      columns={[
        { heading: 'Role', cell: (u) => roleLabels[u.role] },
        { heading: 'Password', cell: (u) => (u.has_password ? 'Set' : 'None') },
        { heading: 'Script tokens', cell: (u) => <TokenCount name={u.name} tokens={u.tokens} show={showTokens} /> },
        { heading: 'Last changed', cell: (u) => u.updated.slice(0, 10) },
      ]}
      action={{ label: 'Remove', target: (u) => u.name, onClick: (u) => remove(u.name), disabled: (u) => u.name === self }}
    />
  );
}
