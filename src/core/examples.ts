/**
 * Built-in examples (the editor's Examples menu and its first load). The
 * first two come from the 2014 design mail (../shared/seed/).
 */
export interface Example {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

const mailChain = `<disk type='file' device='disk'>
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

/** Q[a, b <- c, d], exactly as the mail writes it (running: node ids given). */
const mailQuorum = `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='2' node='[4]'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='raw' node='[0]'/>
    <source path='/path/to/a'/>
    <backingStore/>
  </backingStore>
  <backingStore type='file' index='2'>
    <driver name='qemu' type='qcow2' node='[2]'/>
    <source path='/path/to/c'/>
    <backingStore type='file' index='3' node='[1]'>
      <driver name='qemu' type='raw'/>
      <source path='/path/to/b'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <backingStore type='file' index='4'>
    <driver name='qemu' type='raw' node='[3]'/>
    <source path='/path/to/d'/>
    <backingStore/>
  </backingStore>
  <target dev='hda' bus='ide'/>
  <alias name='ide0-0-0'/>
  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
</disk>
`;

const liveChain = `<domain type='kvm' id='1'>
  <name>demo</name>
  <uuid>6b1a4a46-3a5e-4f2f-9c51-7d7b0e9f2a10</uuid>
  <memory unit='KiB'>1048576</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/demo.snap2' index='4'/>
      <backingStore type='file' index='3'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/demo.snap1'/>
        <backingStore type='file' index='1'>
          <format type='qcow2'/>
          <source file='/var/lib/libvirt/images/demo.qcow2'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
      <alias name='virtio-disk0'/>
    </disk>
  </devices>
</domain>
`;

const multiDisk = `<domain type='kvm'>
  <name>multi</name>
  <uuid>0f8e9c3e-61a4-4f57-9bd3-2f0a2b1c7d55</uuid>
  <memory unit='KiB'>2097152</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='/var/lib/libvirt/images/system.qcow2'/>
      <backingStore type='file'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/golden.qcow2'/>
        <backingStore/>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='/var/lib/libvirt/images/data.raw'/>
      <backingStore/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/var/lib/libvirt/images/install.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
  </devices>
</domain>
`;

const mixedLayers = `<domain type='kvm'>
  <name>mixed</name>
  <uuid>3c2b7f11-8f0d-4a6e-b1c9-5e2d8a7f6b40</uuid>
  <memory unit='KiB'>1048576</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <disk type='network' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source protocol='nbd' name='overlay'>
        <host name='storage.example.org' port='10809'/>
      </source>
      <backingStore type='block'>
        <format type='qcow2'/>
        <source dev='/dev/vg0/golden'/>
        <backingStore type='file'>
          <format type='raw'/>
          <source file='/var/lib/libvirt/images/base.raw'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

export const EXAMPLES: readonly Example[] = [
  { id: 'mail-quorum', title: 'Quorum Q[a, b <- c, d] (design mail)', text: mailQuorum },
  { id: 'mail-chain', title: '3-file chain base <- mid <- top (design mail)', text: mailChain },
  { id: 'live-chain', title: 'Running libvirt chain with index values', text: liveChain },
  { id: 'multi-disk', title: 'Domain with several disks', text: multiDisk },
  { id: 'mixed-layers', title: 'Chain with network, block and file layers', text: mixedLayers },
];

export const DEFAULT_EXAMPLE = EXAMPLES[0]!;
