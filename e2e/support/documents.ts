/** XML documents the tests type, drop or store. Written out here so the tests do not depend on app modules. */

/** The design mail's 3-file chain (libvirt dialect, no ids: offline). */
export const MAIL_CHAIN = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/top.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='/var/lib/libvirt/images/mid.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='/var/lib/libvirt/images/base.qcow2'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`;

/** The same chain with one more layer under base. */
export const MAIL_CHAIN_4 = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/top.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='/var/lib/libvirt/images/mid.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='/var/lib/libvirt/images/base.qcow2'/>
      <backingStore type='file'>
        <format type='raw'/>
        <source file='/var/lib/libvirt/images/golden.raw'/>
        <backingStore/>
      </backingStore>
    </backingStore>
  </backingStore>
  <target dev='vdb' bus='virtio'/>
</disk>
`;

/** The chain whose middle layer lacks `<format>` (line 4 col 3 is its `<backingStore>`): libvirt rejects it. */
export const CHAIN_MID_WITHOUT_FORMAT = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/top.qcow2'/>
  <backingStore type='file'>
    <source file='/var/lib/libvirt/images/mid.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='/var/lib/libvirt/images/base.qcow2'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`;
