/**
 * Outputs of host tools that arrived outside the Import dialog (a .json or
 * a virsh listing dropped on the window, or opened with Open…): they go to
 * the dialog instead of being refused as "not XML". The dialog takes them
 * (and clears the request) when it opens.
 */
import { create } from 'zustand';
import { recognise } from '../core/import/detect';

export interface ImportFile {
  readonly name: string;
  readonly text: string;
}

interface ImportRequestState {
  readonly pending: readonly ImportFile[] | null;
}

export const useImportRequest = create<ImportRequestState>(() => ({ pending: null }));

/** Whether `text` is something the importer recognises (JSON from qemu-img or QMP, a virsh listing). */
export function isToolOutput(text: string, name: string): boolean {
  try {
    recognise(text, name);
    return true;
  } catch {
    return false;
  }
}

export function requestImport(files: readonly ImportFile[]): void {
  useImportRequest.setState({ pending: files });
}

export function takeImportRequest(): readonly ImportFile[] | null {
  const { pending } = useImportRequest.getState();
  if (pending) useImportRequest.setState({ pending: null });
  return pending;
}
