/**
 * Built-in examples (the editor's Examples menu and its first load). The
 * first is what `virsh dumpxml` prints for a running guest after one live
 * snapshot (libvirt 9.0, measured: scratch run recorded in docs/decisions.md);
 * the two "design mail" ones come from the 2014 mail (../shared/seed/).
 */
import type { DiagnosticCode } from './model/diagnostics';

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** The diagnostics the example is about (none for the others: a built-in example reads clean). */
  readonly expects?: readonly DiagnosticCode[];
}

/**
 * A running guest as libvirt 9.0 prints it: the cdrom is numbered first
 * (libvirt numbers disks last to first at start), vda's chain 2, 3 from the
 * top, and the live snapshot's overlay took the next index, 4. Trimmed of
 * devices that have no disk in them.
 */
const web01 = `<domain type='kvm' id='3'>
  <name>web01</name>
  <uuid>85b71224-81e7-4d97-b481-f86bd3b22171</uuid>
  <memory unit='KiB'>2097152</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none' discard='unmap'/>
      <source file='/var/lib/libvirt/images/web01.snap1.qcow2' index='4'/>
      <backingStore type='file' index='2'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/web01.qcow2'/>
        <backingStore type='file' index='3'>
          <format type='qcow2'/>
          <source file='/var/lib/libvirt/images/rhel9-base.qcow2'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
      <alias name='virtio-disk0'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/var/lib/libvirt/images/rhel-9.3-x86_64-boot.iso' index='1'/>
      <backingStore/>
      <target dev='sda' bus='sata'/>
      <readonly/>
      <alias name='sata0-0-0'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
    </disk>
  </devices>
</domain>
`;

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
  { id: 'web01', title: 'Running guest web01: a live snapshot on a base image (libvirt)', text: web01 },
  { id: 'mail-quorum', title: 'Quorum Q[a, b <- c, d] (design mail)', text: mailQuorum },
  { id: 'mail-chain', title: '3-file chain base <- mid <- top (design mail)', text: mailChain },
  { id: 'live-chain', title: 'Running libvirt chain with index values', text: liveChain },
  { id: 'multi-disk', title: 'Domain with several disks', text: multiDisk },
  { id: 'mixed-layers', title: 'Chain with network, block and file layers', text: mixedLayers },
];

/** What the editor shows at first load: a real libvirt guest, the dialect users paste. */
export const DEFAULT_EXAMPLE = EXAMPLES[0]!;
