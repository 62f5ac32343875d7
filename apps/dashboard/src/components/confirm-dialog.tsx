import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import './confirm-dialog.css';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** The button that closes the dialog without acting, e.g. "Keep the job". */
  dismissLabel: string;
  /** Shown on the confirm button while the action runs. */
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  onConfirm(): void;
  /** The dialog closed without confirming (its dismiss button, or Escape). */
  onDismiss(): void;
  children: ComponentChildren;
}

/**
 * A native modal <dialog>: the browser keeps focus inside it and closes it on Escape (not while the
 * action runs). Focus starts on the safe choice and returns to whatever had it before.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
      keep.current?.focus();
    } else if (!props.open && element.open) {
      element.close();
    }
  }, [props.open]);

  const closed = () => {
    // The button that opened it may be gone (a cancelled job offers no Cancel): then the page's main region.
    const target = opener.current instanceof HTMLElement && opener.current.isConnected ? opener.current : document.getElementById('main');
    target?.focus();
    opener.current = null;
    if (props.open) props.onDismiss();
  };

  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby={titleId} onClose={closed} onCancel={(event) => props.busy && event.preventDefault()}>
      <h2 id={titleId}>{props.title}</h2>
      <div class="confirm-body">{props.children}</div>
      <div class="confirm-buttons">
        <button ref={keep} type="button" class="secondary" onClick={() => props.onDismiss()} disabled={props.busy}>
          {props.dismissLabel}
        </button>
        <button type="button" class={props.danger ? 'danger' : undefined} onClick={() => props.onConfirm()} disabled={props.busy}>
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
