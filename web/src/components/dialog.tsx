// A modal dialog on the browser's own <dialog> and showModal(): the rest of the page is inert
// while it is open (focus cannot leave it, a screen reader reads only it), Escape closes it, and
// focus goes back to the control that opened it. Focus starts at its title (give the title
// tabindex -1). Its content is made when it opens and dropped
// when it closes, so a form in it starts empty each time.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Modal(props: {
  open: boolean;
  /** Called when the dialog closes by itself (Escape) or is closed; the owner sets open false. */
  onClose: () => void;
  /** The id of the dialog's heading, its accessible name. */
  titleId: string;
  /** Where focus goes back to after closing: the button that opened it. */
  returnFocus: RefObject<HTMLElement>;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  const returnFocus = props.returnFocus;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      // Start at the title (tabindex -1), which stays while the content loads, so that a screen
      // reader reads the dialog from its beginning.
      document.getElementById(props.titleId)?.focus();
    }
    if (!props.open && d.open) d.close();
  }, [props.open]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return undefined;
    const closed = () => {
      onClose.current();
      // After the owner's state change has drawn the page again.
      requestAnimationFrame(() => returnFocus.current?.focus());
    };
    d.addEventListener('close', closed);
    return () => d.removeEventListener('close', closed);
  }, [returnFocus]);

  // Leaving the page with the dialog open must not leave the page inert.
  useEffect(() => () => dialog.current?.close(), []);

  return (
    <dialog class="modal" ref={dialog} aria-labelledby={props.titleId}>
      {props.open && props.children}
    </dialog>
  );
}
