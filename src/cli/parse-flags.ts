import { InvalidArgumentError } from "commander";

/** Commander parser for a whole number in a range; the message says what to type instead. */
export const intFlag =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}.`,
      );
    }
    return n;
  };

export const numberFlag =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
    }
    return n;
  };

/** Comma-separated list; repeated flags accumulate. An empty list is an error, not a silent default. */
export const listFlag = (value: string, previous: string[] | undefined): string[] => {
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError("expected one or more comma-separated names.");
  return [...(previous ?? []), ...items];
};

export const choiceFlag =
  (choices: readonly string[]) =>
  (value: string): string => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`expected one of: ${choices.join(", ")}.`);
    return value;
  };
