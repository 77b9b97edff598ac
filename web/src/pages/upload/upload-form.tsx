import type { FormEvent, RefObject } from 'react';
import { ErrorMessage } from '../../components/error-summary.tsx';

export const FIELD_ID = 'extract-zip';

/** The GOV.UK file upload: one zip, its error beside the field, disabled while a load runs. */
export function UploadForm({ input, error, busy, onSubmit }: { input: RefObject<HTMLInputElement | null>; error: string | null; busy: boolean; onSubmit: (event: FormEvent) => Promise<void> }) {
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className={`form-group${error ? ' form-group--error' : ''}`}>
        <label className="label" htmlFor={FIELD_ID}>
          Upload a zip file
        </label>
        <div className="hint" id={`${FIELD_ID}-hint`}>
          One .zip file. Only one extract can be loaded at a time.
        </div>
        {error ? <ErrorMessage id={`${FIELD_ID}-error`}>{error}</ErrorMessage> : null}
        <input
          ref={input}
          className={`file-upload${error ? ' file-upload--error' : ''}`}
          id={FIELD_ID}
          name={FIELD_ID}
          type="file"
          accept=".zip,application/zip"
          aria-describedby={`${FIELD_ID}-hint${error ? ` ${FIELD_ID}-error` : ''}`}
          disabled={busy}
        />
      </div>
      <button type="submit" className="button" disabled={busy} data-testid="upload-button">
        Upload and load the extract
      </button>
    </form>
  );
}
