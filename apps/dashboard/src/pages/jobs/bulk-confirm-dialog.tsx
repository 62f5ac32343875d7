import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { BULK_ACTIONS, type BulkAction, jobCount } from './bulk-outcomes.js';

const CONSEQUENCES: Record<BulkAction, string> = {
  cancel: 'Pending jobs will not run; running jobs are told to stop. Jobs that already finished are left as they are.',
  retry: 'Failed and cancelled jobs are queued again with their attempts reset. Other jobs are left as they are.',
  delete: 'The jobs and their results are deleted for good; running jobs are cancelled first. This cannot be undone.',
};

/** Asks before a bulk action, stating how many jobs it touches and what it does to them. */
export function BulkConfirmDialog(props: { action: BulkAction; count: number; onConfirm(): void; onClose(): void }) {
  const { verb, danger } = BULK_ACTIONS[props.action];
  return (
    <ConfirmDialog
      open
      title={`${verb} ${jobCount(props.count)}?`}
      confirmLabel={`${verb} ${jobCount(props.count)}`}
      dismissLabel="Go back"
      busyLabel={`${verb}…`}
      busy={false}
      danger={danger}
      onConfirm={props.onConfirm}
      onDismiss={props.onClose}
    >
      <p>{CONSEQUENCES[props.action]}</p>
    </ConfirmDialog>
  );
}
