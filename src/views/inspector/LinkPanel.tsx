/**
 * A selected link: what it means in words ("vda[2] web01.qcow2 is the
 * backing file of vda[4] web01.snap1.qcow2"), how to re-point it, and its
 * removal, which asks how the chain should end once the images below have
 * left the disk: terminated (`<backingStore/>`) or open (libvirt reads the
 * backing file from the image header). Every action is the registry's.
 */
import { useEffect, useRef } from 'react';
import type { DerivedDoc } from '../../core/numbers/derive';
import type { ChainEnd, DomainDoc } from '../../core/model/types';
import { available } from '../../core/operations/registry';
import type { OpRequest } from '../../core/ops/request';
import type { EdgeSelection } from '../../state/store';
import { askLinkRemoval, endLinkRemoval, perform, selectEdge } from '../../state/store';
import { linkText } from '../graph/flowModel';

export function LinkPanel({ doc, derived, edge, ask }: { doc: DomainDoc; derived: DerivedDoc; edge: EdgeSelection; ask: boolean }) {
  const user = derived.byUid.get(edge.user);
  const backing = derived.byUid.get(edge.backing);
  const first = useRef<HTMLButtonElement>(null);
  // Delete on a selected link (or the button) asks here, with the focus on the first answer.
  useEffect(() => {
    if (ask) first.current?.focus();
  }, [ask]);
  if (!user || !backing) return <p className="insp-empty">The link is gone.</p>;
  const below = backing.isQuorum ? 'the quorum and its members' : 'its backing chain';
  // A quorum loses a member (its vote count says whether it may); a chain layer loses its backing chain and needs an end.
  const removal = (end: ChainEnd): OpRequest => (user.isQuorum ? { kind: 'remove', uid: backing.uid, subtree: true } : { kind: 'remove', uid: backing.uid, subtree: true, end });
  const why = available(doc, removal('terminated'));
  const run = (end: ChainEnd) => {
    if (perform(removal(end)) === null) selectEdge(null);
  };
  return (
    <section className="inspector" aria-label="Link">
      <header className="insp-header">
        <div className="insp-title">
          <h2 className="insp-address">{user.isQuorum ? 'Member link' : 'Backing link'}</h2>
          <span className="insp-kind">{user.headline} → {backing.headline}</span>
        </div>
        <p className="insp-link-text">{linkText(derived, user, backing)}.</p>
      </header>
      {!user.isQuorum && (
        <p className="insp-note-wide">
          To re-point {user.headline} at another image, drag the link's arrow end onto that image: a rebase. Strata says whether it can be done and shows the
          <code> qemu-img rebase</code> (offline) or the stream that does it live.
        </p>
      )}
      {!ask ? (
        <div className="insp-actions">
          <button type="button" onClick={() => askLinkRemoval(edge)} aria-disabled={why !== true} title={why === true ? `Remove the link: ${backing.headline} and ${below} leave the disk` : why}>
            Remove link…
          </button>
          {why !== true && <span className="sr-only">{why}</span>}
        </div>
      ) : why !== true ? (
        <p className="insp-error" role="alert">{why}</p>
      ) : (
        user.isQuorum ? (
          <div className="insp-ask" role="group" aria-label="Remove the member?">
            <p>{backing.headline} and its chain leave quorum {user.headline} (no image file changes).</p>
            <button type="button" ref={first} onClick={() => run('terminated')}>Remove the member</button>
            <button type="button" onClick={endLinkRemoval}>Cancel</button>
          </div>
        ) : (
          <div className="insp-ask" role="group" aria-label="How should the chain end?">
            <p>
              {backing.headline} and {below} leave the disk (no image file changes). How should {user.headline}'s chain end?
            </p>
            <button type="button" ref={first} onClick={() => run('terminated')}>It ends here (terminated)</button>
            <button type="button" onClick={() => run('open')}>Leave it open (libvirt probes the header)</button>
            <button type="button" onClick={endLinkRemoval}>Cancel</button>
          </div>
        )
      )}
    </section>
  );
}
