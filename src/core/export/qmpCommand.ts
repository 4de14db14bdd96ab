/** One QMP command as sent on the monitor socket: `{"execute": …, "arguments": …}`. */
export interface QmpCommand {
  readonly execute: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
}
