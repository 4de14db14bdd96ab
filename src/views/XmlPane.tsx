/**
 * The XML pane: a CodeMirror 6 editor kept in step with the store both ways
 * (see ./xml/controller.ts), under a one-line header with the wrap option.
 */
import { useEffect, useRef, useState } from 'react';
import { loadXmlWrap, saveXmlWrap } from '../state/xmlPrefs';
import { createXmlEditor, setXmlWrap } from './xml/controller';

export { focusXmlAt, selectAllXml } from './xml/controller';

export function XmlPane() {
  const host = useRef<HTMLDivElement>(null);
  const [wrap, setWrap] = useState(() => loadXmlWrap());
  const initialWrap = useRef(wrap);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const editor = createXmlEditor(parent, initialWrap.current);
    return () => editor.destroy();
  }, []);
  return (
    <div className="xml-shell">
      <div className="xml-head">
        <h2>XML</h2>
        <span className="xml-hint">applies as you pause; Ctrl+S now</span>
        <label className="xml-wrap">
          <input
            type="checkbox"
            checked={wrap}
            onChange={(e) => {
              setWrap(e.target.checked);
              setXmlWrap(e.target.checked);
              saveXmlWrap(e.target.checked);
            }}
          />
          Wrap lines
        </label>
      </div>
      <div ref={host} className="xml-pane" data-testid="xml-pane" />
    </div>
  );
}
