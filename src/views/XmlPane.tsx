/**
 * The XML pane: a CodeMirror 6 editor kept in step with the store both ways
 * (see ./xml/controller.ts). Fills its container.
 */
import { useEffect, useRef } from 'react';
import { createXmlEditor } from './xml/controller';

export { focusXmlAt } from './xml/controller';

export function XmlPane() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const editor = createXmlEditor(parent);
    return () => editor.destroy();
  }, []);
  return <div ref={host} className="xml-pane" data-testid="xml-pane" style={{ height: '100%', minHeight: 0, overflow: 'hidden' }} />;
}
