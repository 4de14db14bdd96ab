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
  op FILE OPERATION [ARGS] [--to DIALECT] [--json]
                                   applies one operation, prints the XML
                                   (--json: the inspect JSON of the result)

Operations (ADDR is TARGET, TARGET[N] or a source path):
  snapshot --at ADDR [--file PATH] [--at ADDR [--file PATH]]...
                                   several --at form one transaction;
                                   --file belongs to the --at before it
  commit --top ADDR --base ADDR [--keep-overlay]
  pull --top ADDR [--base ADDR]
  copy --at ADDR --dest PATH [--shallow] [--cancel]
  quorum-add --at ADDR --file PATH
  quorum-remove --at ADDR
  threshold --at ADDR --value N
  renumber                         fresh ids (offline documents only)

Exit status: 0 ok; 1 refused, invalid or unreadable input; 2 usage error.
`;
