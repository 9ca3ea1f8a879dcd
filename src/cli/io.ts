import { readFile } from "node:fs/promises";
import { UsageError } from "../errors/confess-error.ts";

/** Where a command writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
});

/** Reads a file argument; absent or `-` reads standard input. */
export async function readInput(io: CliIO, file: string | undefined): Promise<string> {
  if (file === undefined || file === "-") return io.stdin();
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
