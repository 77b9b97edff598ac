import { announcement, stageWords, type Phase } from './phase.ts';

/** The stage and percentage as a progress bar, the server's latest message, and a polite live region. */
export function Progress({ phase }: { phase: Phase }) {
  const percent = phase.kind === 'sending' ? phase.percent : phase.kind === 'job' ? phase.job.percent : 0;
  return (
    <>
      <div className="upload-progress" hidden={phase.kind === 'idle'} data-testid="upload-progress">
        <h2 className="heading-m" id="upload-progress-title">
          Progress
        </h2>
        <label className="label" htmlFor="upload-progress-bar">
          {phase.kind === 'sending' ? 'Sending the zip' : phase.kind === 'job' ? stageWords[phase.job.status] : 'Not started'}
        </label>
        <progress id="upload-progress-bar" className="upload-progress__bar" max={100} value={percent}>
          {percent}%
        </progress>
        <span className="upload-progress__percent" aria-hidden="true">
          {percent}%
        </span>
        {phase.kind === 'job' && phase.job.messages.length > 0 ? (
          <p className="hint upload-progress__message" data-testid="upload-message">
            {phase.job.messages.at(-1)}
          </p>
        ) : null}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="upload-status">
        {announcement(phase)}
      </div>
    </>
  );
}
