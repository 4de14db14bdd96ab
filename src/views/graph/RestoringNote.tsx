/**
 * Over the graph while a big stored session is read back in the worker
 * (state/restoreLater.ts): the store still holds the example then, and
 * drawing it under the session's own text and view would show the wrong
 * document. The progress line beside the address bar has Cancel.
 */
import { useRestoring } from '../../state/restoreLater';

export function RestoringNote() {
  const reading = useRestoring((s) => s.reading);
  if (!reading) return null;
  return (
    <div className="restoring-note" role="status">
      <span className="read-progress-spinner" aria-hidden="true" />
      Restoring your session…
    </div>
  );
}
