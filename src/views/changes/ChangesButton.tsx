/**
 * Toolbar: Changes opens the diff of the XML now against the document as it
 * was opened or last saved (ChangesDialog). Focus comes back to this button
 * when the dialog closes, or goes to the XML pane's line for "Go to line".
 */
import { useRef, useState } from 'react';
import { focusXmlAt } from '../xml/controller';
import type { Closed } from './ChangesDialog';
import { ChangesDialog } from './ChangesDialog';

export function ChangesButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const closed = ({ goTo }: Closed) => {
    setOpen(false);
    if (goTo !== null) focusXmlAt(goTo, 1);
    else button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" aria-haspopup="dialog" onClick={() => setOpen(true)} title="What changed since the document was opened or last saved">
        Changes
      </button>
      {open && <ChangesDialog onClosed={closed} />}
    </>
  );
}
