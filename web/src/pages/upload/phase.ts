import type { UploadJob } from '../../../../contract/uploads.ts';

/** Where the upload is: nothing chosen yet, sending the zip, the server's load job, or refused. */
export type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number }
  | { kind: 'job'; job: UploadJob }
  | { kind: 'refused'; message: string };

export const stageWords: Record<UploadJob['status'], string> = {
  queued: 'Receiving the zip',
  unpacking: 'Unpacking the zip',
  validating: 'Checking every file',
  loading: 'Writing to the database',
  succeeded: 'Loaded',
  failed: 'Not loaded',
};

/** One short sentence per stage (and per tenth of the way) for screen readers, not one per poll. */
export function announcement(phase: Phase): string {
  if (phase.kind === 'sending') return `Sending the zip: ${Math.floor(phase.percent / 10) * 10}%`;
  if (phase.kind !== 'job') return '';
  const { job } = phase;
  if (job.status === 'succeeded') return 'The extract has been loaded. The validation report follows.';
  if (job.status === 'failed') return 'The extract was not loaded.';
  return `${stageWords[job.status]}: ${Math.floor(job.percent / 10) * 10}%`;
}
