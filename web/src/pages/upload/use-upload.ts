import { useEffect, useRef, useState, type FormEvent } from 'react';
import { uploadJobSchema, uploadListSchema } from '../../../../contract/uploads.ts';
import type { Phase } from './phase.ts';
import { checkFile, getJson, sendZip, whoAmI } from './requests.ts';

const POLL_MS = 1000;

type Access = { admin: boolean; csrf: string | null };

/** Who is signed in, once the auth layer answers; for an admin, a load started earlier is followed too. */
function useAccess(setPhase: (update: (current: Phase) => Phase) => void): Access | null {
  const [access, setAccess] = useState<Access | null>(null);
  useEffect(() => {
    let stopped = false;
    void whoAmI().then(async (me) => {
      if (stopped) return;
      setAccess(me);
      if (!me.admin) return;
      // A load started earlier (before a reload of this page) is followed here too.
      const list = uploadListSchema.parse(await getJson('/api/admin/uploads').catch(() => ({ uploads: [], running: null })));
      const running = list.uploads.find((u) => u.id === list.running);
      if (running && !stopped) setPhase((current) => (current.kind === 'idle' ? { kind: 'job', job: running } : current));
    });
    return () => {
      stopped = true;
    };
  }, [setPhase]);
  return access;
}

/** Polls the running load job every second until it has succeeded or failed. */
function usePolling(jobId: string | null, setPhase: (phase: Phase) => void): void {
  useEffect(() => {
    if (!jobId) return undefined;
    let stopped = false;
    const timer = window.setInterval(() => {
      getJson(`/api/admin/uploads/${jobId}`).then(
        (body) => {
          if (!stopped) setPhase({ kind: 'job', job: uploadJobSchema.parse(body) });
        },
        (error: unknown) => {
          if (!stopped) setPhase({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [jobId, setPhase]);
}

/** The upload's state: the phase, the file field's error, the signed-in user's access, and the form's submit. */
export function useUpload() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const jobId = phase.kind === 'job' && (phase.job.status === 'succeeded' || phase.job.status === 'failed') ? null : phase.kind === 'job' ? phase.job.id : null;
  const access = useAccess(setPhase);
  usePolling(jobId, setPhase);

  const busy = phase.kind === 'sending' || jobId !== null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    const problem = checkFile(file);
    setFieldError(problem);
    if (problem || !file) return;
    setPhase({ kind: 'sending', percent: 0 });
    try {
      const job = await sendZip(file, access?.csrf ?? null, (percent) => setPhase({ kind: 'sending', percent }));
      setPhase({ kind: 'job', job });
    } catch (error) {
      setPhase({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const failure = phase.kind === 'refused' ? phase.message : phase.kind === 'job' && phase.job.status === 'failed' ? (phase.job.error ?? 'The load failed') : null;
  return { phase, access, input, busy, submit, fieldError, failure };
}
