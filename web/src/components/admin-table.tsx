import type { ReactNode } from 'react';
import { ScrollTable } from './scroll-table.tsx';

// The admin pages' tables (users, a user's script tokens): a row heading, some columns, and one action button per
// row whose accessible name says which row it acts on ("Remove alex", "Revoke token build").

export interface AdminColumn<T> {
  heading: string;
  cell: (row: T) => ReactNode;
}

export interface AdminAction<T> {
  label: string;
  /** Words after the label for screen readers: which row the button acts on. */
  target: (row: T) => string;
  onClick: (row: T) => void;
  disabled?: (row: T) => boolean;
}

export function AdminTable<T>({
  caption,
  className,
  testId,
  rows,
  rowKey,
  rowHeading,
  columns,
  action,
}: {
  caption: string;
  className?: string;
  testId?: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowHeading: AdminColumn<T>;
  columns: AdminColumn<T>[];
  action: AdminAction<T>;
}) {
  return (
    <ScrollTable caption={caption} className={className} testId={testId}>
      <thead>
        <tr>
          {[rowHeading, ...columns].map((c) => (
            <th scope="col" key={c.heading}>
              {c.heading}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">{rowHeading.cell(row)}</th>
            {columns.map((c) => (
              <td key={c.heading}>{c.cell(row)}</td>
            ))}
            <td>
              <button type="button" className="button button--secondary button--small" onClick={() => action.onClick(row)} disabled={action.disabled?.(row) ?? false}>
                {action.label}
                <span className="visually-hidden"> {action.target(row)}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
