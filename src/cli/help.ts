/** Usage text for `--help` and usage errors. */
export const USAGE = `Usage: strata COMMAND FILE [OPTIONS]

FILE is a libvirt <domain> or <disk> XML file; '-' reads stdin
(diagnostics then name the file <stdin>).

Commands:
  inspect FILE [--json]            the disks, their nodes and diagnostics
                                   (--json: the inspect JSON)
  convert FILE --to DIALECT        the document in another dialect
                                   (libvirt | proposal) on stdout
  validate FILE                    one line per diagnostic:
                                   FILE:LINE:COL: SEVERITY: CODE: message
                                   exit 1 when there is an error
  op FILE OPERATION [ARGS] [--to DIALECT] [--json] [--commands]
                                   applies one operation, prints the XML
                                   (--json: the inspect JSON of the result;
                                   --commands: the host commands instead,
                                   see below)
  export qmp FILE                  a JSON array of QMP commands
                                   ({"execute":…,"arguments":…}): the
                                   blockdev-add sequence that builds every
                                   disk's nodes, children first
  export qemu-img FILE [--size SIZE]
                                   a POSIX sh script creating every image
                                   file, backing files first; base images
                                   get SIZE (default 64M), overlays inherit
  import FILE... [--to DIALECT] [--dir DIR]  a document from qemu-img info, QMP or virsh output
  check FILE --against OUTPUT... [--dir DIR]
                                   FILE against qemu-img info, QMP or virsh
                                   output: one line per disagreement
                                   (FILE:LINE:COL: SEVERITY: CODE: message),
                                   each followed by '  fix:' (the operation
                                   that makes the XML agree) and '  host:'
                                   (the command, where the host is wrong);
                                   exit 1 when there is an error

Operations (ADDR is TARGET, TARGET[N] or a source path):
  snapshot --at ADDR [--file PATH] [--at ADDR [--file PATH]]...
                                   several --at form one transaction;
                                   --file belongs to the --at before it
  commit --top ADDR --base ADDR [--keep-overlay]
  pull --top ADDR [--base ADDR]
  copy --at ADDR --dest PATH [--shallow] [--cancel]
  backup --at ADDR --dest PATH     point-in-time copy; the chain does not
                                   change
  quorum-add --at ADDR --file PATH
  quorum-remove --at ADDR
  threshold --at ADDR --value N
  renumber                         fresh ids (offline documents only)

op --commands prints what does the same on a real host, in sections:
  # virsh                          virsh lines (addresses TARGET[N], N the
                                   libvirt index); '#' lines where virsh
                                   has no equivalent (quorums)
  # QMP: first, on the host (sh)   images to create before the QMP commands
  # QMP: one command per line      JSON lines, node-names libvirt-N-format /
                                   libvirt-N-storage; '# note:' lines say
                                   which job events to wait for

Exit status: 0 ok; 1 refused, invalid or unreadable input; 2 usage error.
`;
