import { useState, type FormEvent } from 'react';
import { roles, usersResponseSchema, type Role, type UsersResponse } from '../../../../contract/auth.ts';
import { roleLabels, sendJson } from '../../auth.ts';
import { TextField, type FieldError } from '../../components/error-summary.tsx';

const roleHints: Record<Role, string> = {
  viewer: 'The dashboards: overview, needs, gaps, outcomes, Local Offer, budgets, adulthood, benchmarks, data quality',
  commissioner: 'Viewer pages, plus provision gaps, EHC journey, forecast and workload planner',
  analyst: 'Commissioner pages, plus CSV, workbook and board pack downloads',
  admin: 'Everything, plus uploads and this page',
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Runs a change; true when it succeeded (the page shows its list and status, or the error). */
export type Change = (run: () => Promise<UsersResponse>, done: string) => Promise<boolean>;

/** Add a user or change a role: name, role (radios with what each may open) and an optional password. */
export function UserForm({ errors, setErrors, change }: { errors: FieldError[]; setErrors: (errors: FieldError[]) => void; change: Change }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const fieldError = (field: string) => errors.find((e) => e.field === field)?.message;

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

  return (
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
  );
}
