import { meResponseSchema } from '../../../../contract/auth.ts';
import { uploadJobSchema, type UploadJob } from '../../../../contract/uploads.ts';

/** A request the server refused or could not answer; its message is shown to the user. */
export class RequestFailed extends Error {}

function errorText(status: number, body: unknown): string {
  const parsed = body && typeof body === 'object' && 'error' in body ? String(body.error) : '';
  if (parsed) return parsed;
  return status === 0 ? 'The upload could not reach the server. Check your connection and try again.' : `The server refused the upload (HTTP ${status}).`;
}

export async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new RequestFailed(errorText(response.status, body));
  return body;
}

/** Who is signed in (the CSRF token for POSTs, and whether they may upload); null before the auth layer answers. */
export async function whoAmI(): Promise<{ admin: boolean; csrf: string | null }> {
  try {
    const me = meResponseSchema.parse(await getJson('/api/auth/me'));
    return { admin: me.user?.role === 'admin', csrf: me.csrf_token };
  } catch {
    return { admin: false, csrf: null };
  }
}

/** Posts the zip with XMLHttpRequest, for its upload progress; resolves with the load job the server started. */
export function sendZip(file: File, csrf: string | null, onProgress: (percent: number) => void): Promise<UploadJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/uploads');
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.floor((100 * event.loaded) / event.total));
    };
    xhr.onload = () => {
      if (xhr.status === 202) {
        try {
          resolve(uploadJobSchema.parse(xhr.response));
        } catch {
          reject(new RequestFailed("The server's answer was not in the expected format."));
        }
      } else reject(new RequestFailed(errorText(xhr.status, xhr.response)));
    };
    xhr.onerror = () => reject(new RequestFailed(errorText(0, null)));
    xhr.send(file);
  });
}

/** Checks before sending, with GOV.UK error messages. */
export function checkFile(file: File | undefined): string | null {
  if (!file) return 'Select a zip file of the extract';
  if (!/\.zip$/i.test(file.name)) return 'The selected file must be a .zip file';
  if (file.size === 0) return 'The selected file is empty';
  return null;
}
