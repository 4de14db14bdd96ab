/**
 * A sysadmin's `virsh dumpxml` of a running guest, in libvirt 9.0's shape:
 * three disks (a running qcow2 chain, a data disk, a cdrom), long image
 * paths, and the devices around the disks that a real dump has.
 */
export const SYSADMIN_DUMPXML = `<domain type='kvm' id='7'>
  <name>web01</name>
  <uuid>6c1a3f0e-9d1b-4c2e-8f7a-2b4d5e6f7a8b</uuid>
  <memory unit='KiB'>4194304</memory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none' discard='unmap'/>
      <source file='/var/lib/libvirt/images/production/web01.snap-20240301.qcow2' index='5'/>
      <backingStore type='file' index='3'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/production/web01.snap-20240115.qcow2'/>
        <backingStore type='file' index='4'>
          <format type='qcow2'/>
          <source file='/var/lib/libvirt/images/templates/rhel-9.3-x86_64-base.qcow2'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
      <alias name='virtio-disk0'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='none'/>
      <source file='/var/lib/libvirt/images/production/web01-data.raw' index='2'/>
      <backingStore/>
      <target dev='vdb' bus='virtio'/>
      <alias name='virtio-disk1'/>
      <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/var/lib/libvirt/images/iso/rhel-9.3-x86_64-boot.iso' index='1'/>
      <backingStore/>
      <target dev='sda' bus='sata'/>
      <readonly/>
      <alias name='sata0-0-0'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
    </disk>
    <interface type='network'>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
  </devices>
</domain>
`;
