/**
 * The host side of a fix: where the image headers (what qemu-img reads) are
 * the ones that are wrong, the command that rewrites them. `rebase -u`
 * (unsafe) changes only the header's backing name and format, never data:
 * the point is to make the header say what the XML says, not to move data.
 * Quoted with the project's shell helper, as every printed command is.
 */
import { shLine } from '../export/shell';

/** `qemu-img rebase -u -F FMT -b BACKING TOP`: TOP's header then names BACKING, of format FMT, as its backing file. */
export function rebaseLine(top: string, backing: string, format: string): string {
  return shLine(['qemu-img', 'rebase', '-u', '-F', format, '-b', backing, top]);
}
