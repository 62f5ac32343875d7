import { useEffect, useRef } from 'preact/hooks';
import { BULK_ACTIONS, type BulkAction, jobCount } from './bulk-outcomes.js';

const CONSEQUENCES: Record<BulkAction, string> = {
  cancel: 'Pending jobs will not run; running jobs are told to stop. Jobs that already finished are left as they are.',
  retry: 'Failed and cancelled jobs are queued again with their attempts reset. Other jobs are left as they are.',
  delete: 'The jobs and their results are deleted for good; running jobs are cancelled first. This cannot be undone.',
};

/** Asks before a bulk action, stating how many jobs it touches (a native modal dialog: focus stays inside, Escape closes). */
export function BulkConfirmDialog(props: { action: BulkAction; count: number; onConfirm(): void; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { verb, danger } = BULK_ACTIONS[props.action];

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby="bulk-confirm-title" aria-describedby="bulk-confirm-consequence" onClose={props.onClose}>
      <h2 id="bulk-confirm-title">{`${verb} ${jobCount(props.count)}?`}</h2>
      <p id="bulk-confirm-consequence">{CONSEQUENCES[props.action]}</p>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={() => dialog.current?.close()} autofocus>
          Go back
        </button>
        <button type="button" class={danger ? 'danger' : undefined} onClick={props.onConfirm}>
          {`${verb} ${jobCount(props.count)}`}
        </button>
      </div>
    </dialog>
  );
}
