import { readFileSync } from "node:fs";
import type { InstructionArgs } from "./instruction-payload.ts";

/** One line of IFEval's `input_data.jsonl`. */
export interface IfevalRow {
  key: number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: InstructionArgs[];
}

let cached: IfevalRow[] | undefined;

/**
 * The IFEval rows, read once from `data/ifeval/input_data.jsonl` on first use. Null-valued kwargs are
 * dropped, so each instruction keeps only the arguments it uses.
 *
 * @example
 * ifevalRows().length // 541
 */
export function ifevalRows(): IfevalRow[] {
  if (cached) return cached;
  const text = readFileSync(new URL("../../../data/ifeval/input_data.jsonl", import.meta.url), "utf8");
  cached = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const row = JSON.parse(line) as IfevalRow;
      return {
        ...row,
        kwargs: row.kwargs.map(
          (args) =>
            Object.fromEntries(
              Object.entries(args ?? {}).filter(([, v]) => v !== null && v !== undefined),
            ) as InstructionArgs,
        ),
      };
    });
  return cached;
}
