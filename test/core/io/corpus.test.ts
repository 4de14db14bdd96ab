/**
 * libvirt's own test data read and written back with no edit loses nothing:
 * the output equals the input after an independent canonicalisation, and
 * reading the output again gives the same model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import { inspect } from '../../../src/core/inspect';
import { canonicalXml } from '../../helpers/canonical';
import { CORPUS_DIR, CORPUS_EXISTS, corpusXmlFiles } from '../../helpers/corpus';
import { load } from '../../helpers/load';
import { skipNote } from '../../helpers/skip';

if (!CORPUS_EXISTS) {
  skipNote('test/core/io/corpus.test.ts', `the shared libvirt corpus is not at ${CORPUS_DIR} (it lives outside the repo, in ../shared)`);
}

describe('the test canonicaliser', () => {
  const base = "<disk type='file'><!-- c --><source file='/a'/><x>t</x></disk>";
  it('ignores layout and attribute order', () => {
    expect(canonicalXml("<disk  type='file'>\n  <!-- c -->\n  <source file=\"/a\"/>\n  <x>t</x>\n</disk>\n")).toBe(canonicalXml(base));
  });
  it('sees a lost comment, attribute, element or text', () => {
    for (const changed of [
      "<disk type='file'><source file='/a'/><x>t</x></disk>",
      "<disk><!-- c --><source file='/a'/><x>t</x></disk>",
      "<disk type='file'><!-- c --><source file='/a'/></disk>",
      "<disk type='file'><!-- c --><source file='/a'/><x>u</x></disk>",
    ]) {
      expect(canonicalXml(changed)).not.toBe(canonicalXml(base));
    }
  });
});

describe('libvirt corpus round trip', () => {
  it.skipIf(!CORPUS_EXISTS)('has XML files to check', () => {
    expect(corpusXmlFiles().length).toBeGreaterThanOrEqual(19);
  });

  for (const file of corpusXmlFiles()) {
    it(file, () => {
      const input = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const doc = load(input);
      expect(doc.dialect).toBe('libvirt');
      const output = toText(doc);
      expect(canonicalXml(output)).toBe(canonicalXml(input));
      const again = load(output);
      // Diagnostics point at lines, which move when the text is re-indented: compare the model only.
      expect(inspect(again, [])).toEqual(inspect(doc, []));
      expect(toText(again)).toBe(output);
    });
  }
});
