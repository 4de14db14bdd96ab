/**
 * The conformance suite (issue "Truth"): Strata's predictions against real
 * libvirt 9.0's own QEMU driver (domain.md §7). For each scenario, started
 * once with `create` and once with `define` + `start`: the ids Strata shows
 * offline are the index values libvirt assigns; after each operation, run as
 * the virsh lines Strata prints, libvirt's dumpxml equals Strata's predicted
 * document for every disk (paths, formats, indexes, chain ends, `<mirror>`).
 * With `create`, the same steps replayed from Strata's QMP lines on a bare
 * QEMU end with libvirt's node graph. Skipped, with the reason, only where
 * libvirt cannot run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derive } from '../../../src/core/numbers/derive';
import type { DomainDoc } from '../../../src/core/model/types';
import { facts } from './facts';
import { replayOnQemu, libvirtGraph } from './replay';
import { provisionalSaid, runScenario } from './runner';
import type { StartMode } from './runner';
import { SCENARIOS } from './scenarios';
import { libvirtMissing } from './session';
import { skipNote } from '../../helpers/skip';

const missing = libvirtMissing();
if (missing) skipNote('test/system/libvirt/conformance.test.ts', `real libvirt cannot run here: ${missing}`);

// One directory per test process: two runs at once (a developer's and an editor's) must not wipe each other's images.
const RUNS = join(tmpdir(), 'strata-libvirt', `runs-${process.pid}`);
afterAll(() => rmSync(RUNS, { recursive: true, force: true }));

/** Strata's offline ids of the layers the draft writes, per disk: libvirt numbers those first, the probed ones after. */
function checkStart(draft: DomainDoc, live: DomainDoc): void {
  const shown = derive(draft).disks;
  const got = derive(live).disks;
  expect(got.map((d) => d.target)).toEqual(shown.map((d) => d.target));
  let written = 0;
  shown.forEach((d, i) => {
    const liveIds = got[i]!.nodes.map((n) => `${n.source} #${n.id}`);
    const ids = d.nodes.map((n) => `${n.source} #${n.id}`);
    expect(liveIds.slice(0, ids.length), `the ids Strata showed offline for ${d.target}`).toEqual(ids);
    written += ids.length;
  });
  const probed = got.flatMap((d, i) => d.nodes.slice(shown[i]!.nodes.length));
  for (const n of probed) expect(n.id, `probed layer ${n.source}: numbered after every written layer`).toBeGreaterThan(written);
  // Where libvirt probed, Strata said its counter was provisional.
  expect(provisionalSaid(draft)).toBe(probed.length > 0);
}

describe.skipIf(missing !== null)('real libvirt does what Strata predicts', () => {
  const modes: StartMode[] = ['create', 'define'];
  for (const sc of SCENARIOS) {
    for (const mode of modes) {
      it(`${sc.name} (${mode})`, { timeout: 120_000 }, async () => {
        const dir = join(RUNS, `${SCENARIOS.indexOf(sc)}-${mode}`);
        mkdirSync(RUNS, { recursive: true });
        rmSync(dir, { recursive: true, force: true });
        const { run, session, stop, detach } = await runScenario(sc, mode, dir, {
          atStart: checkStart,
          compare: (predicted, live, where) => expect(facts(live), where).toEqual(facts(predicted)),
        });
        try {
          if (mode !== 'create') return;
          const theirs = await libvirtGraph(session, run.name);
          await stop();
          const ours = await replayOnQemu(run);
          expect(ours, `${sc.name}: Strata's QMP lines on a bare QEMU vs libvirt's own QEMU`).toEqual(theirs);
          expect(theirs.length).toBeGreaterThan(0);
        } finally {
          await stop();
          detach();
        }
      });
    }
  }
});
