/** What "New" starts from: one disk with one image, ready to grow a chain. */
export const NEW_DOCUMENT = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/disk.qcow2'/>
  <backingStore/>
  <target dev='vda' bus='virtio'/>
</disk>
`;
