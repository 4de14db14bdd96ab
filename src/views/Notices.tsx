/**
 * The latest message (an operation's one-line summary or a refusal), in the
 * sub-bar so it covers nothing, announced to screen readers. A long refusal
 * is cut to one line here; the whole text is its title.
 */
import { useEffect, useState } from 'react';
import { useEditor } from '../state/store';

export function Notices() {
  const notice = useEditor((s) => s.notice);
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = window.setTimeout(() => setHidden(notice.at), notice.kind === 'error' ? 9000 : 6000);
    return () => window.clearTimeout(t);
  }, [notice]);
  const show = notice && hidden !== notice.at;
  return (
    <div className="notices" role="status" aria-live="polite">
      {show && (
        <div className={`notice notice-${notice.kind}`} data-testid="notice">
          <span title={notice.text}>{notice.text}</span>
          <button aria-label="Dismiss" onClick={() => setHidden(notice.at)}>×</button>
        </div>
      )}
    </div>
  );
}
