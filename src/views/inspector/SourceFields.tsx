/**
 * The `<source>` fields of a node, by type: file → file, block → dev,
 * dir → dir, volume → pool + volume, network → protocol, name and the
 * `<host>` child (shown read-only: the field patch has no key for it; edit
 * it in the XML). Other types show their source as text.
 */
import type { NodeView } from '../../core/numbers/derive';
import { getAttr } from '../../core/xml/tree';
import { ReadOnlyField, SelectField, TextField } from './fields';
import { PROTOCOLS, attrValue, choices, editFields, sourceAttr, sourceChild } from './model';

interface Props {
  readonly view: NodeView;
}

function AttrField({ view, attr, label, placeholder }: Props & { attr: string; label: string; placeholder?: string }) {
  return (
    <TextField
      label={label}
      mono
      value={sourceAttr(view, attr) ?? ''}
      placeholder={placeholder}
      onCommit={(text) => editFields(view.uid, { sourceAttrs: { [attr]: attrValue(text) } })}
    />
  );
}

function NetworkFields({ view }: Props) {
  const host = sourceChild(view, 'host');
  const hostName = getAttr(host, 'name') ?? getAttr(host, 'socket');
  const port = getAttr(host, 'port');
  const protocol = sourceAttr(view, 'protocol');
  return (
    <>
      <SelectField
        label="Protocol"
        value={protocol ?? ''}
        options={choices(PROTOCOLS, protocol)}
        onCommit={(v) => editFields(view.uid, { sourceAttrs: { protocol: attrValue(v) } })}
      />
      <AttrField view={view} attr="name" label="Name" placeholder="pool/image or export" />
      <ReadOnlyField label="Host" value={hostName ?? '—'} title="Edit <host> in the XML" />
      <ReadOnlyField label="Port" value={port ?? '—'} title="Edit <host> in the XML" />
      <p className="insp-note">Host and port come from the &lt;host&gt; element; edit them in the XML.</p>
    </>
  );
}

export function SourceFields({ view }: Props) {
  switch (view.type) {
    case 'file':
    case null:
      return <AttrField view={view} attr="file" label="File path" placeholder="/var/lib/libvirt/images/disk.qcow2" />;
    case 'block':
      return <AttrField view={view} attr="dev" label="Device" placeholder="/dev/sdb" />;
    case 'dir':
      return <AttrField view={view} attr="dir" label="Directory" placeholder="/srv/images" />;
    case 'volume':
      return (
        <>
          <AttrField view={view} attr="pool" label="Pool" />
          <AttrField view={view} attr="volume" label="Volume" />
        </>
      );
    case 'network':
      return <NetworkFields view={view} />;
    case 'quorum':
      return null;
    default:
      return <ReadOnlyField label="Source" value={view.source ?? '—'} title="Edit this source in the XML" />;
  }
}
