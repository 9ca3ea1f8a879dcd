/** A value a Python literal can hold, as far as this reader understands it. */
export type PythonValue = string | number | boolean | null | PythonValue[] | { [key: string]: PythonValue };

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
};

/**
 * Reads a small Python literal: dicts with string keys, lists, tuples (read as lists), single- or
 * double-quoted strings with common escapes, integers and floats, `True`, `False` and `None`. Enough for
 * the SimpleQA `metadata` column, which is a Python `repr` of a dict and so not JSON.
 *
 * @example
 * readPythonLiteral("{'topic': 'Art', 'urls': ['https://a']}") // { topic: "Art", urls: ["https://a"] }
 */
export function readPythonLiteral(text: string): PythonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Python literal: ${what} at offset ${i}`);
  };
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const readString = (): string => {
    const quote = text[i];
    i++;
    let out = "";
    while (i < text.length && text[i] !== quote) {
      const ch = text[i] as string;
      if (ch === "\\") {
        const next = text[i + 1] ?? "";
        if (next === "x" || next === "u") {
          const width = next === "x" ? 2 : 4;
          const hex = text.slice(i + 2, i + 2 + width);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) fail("bad escape");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 2 + width;
          continue;
        }
        out += ESCAPES[next] ?? `\\${next}`;
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    return out;
  };
  const readSequence = (close: string): PythonValue[] => {
    i++;
    const items: PythonValue[] = [];
    skip();
    while (text[i] !== close) {
      items.push(readValue());
      skip();
      if (text[i] === ",") {
        i++;
        skip();
      } else if (text[i] !== close) fail(`expected , or ${close}`);
    }
    i++;
    return items;
  };
  const readDict = (): { [key: string]: PythonValue } => {
    i++;
    const out: { [key: string]: PythonValue } = {};
    skip();
    while (text[i] !== "}") {
      const key = readValue();
      if (typeof key !== "string") fail("dict keys must be strings");
      skip();
      if (text[i] !== ":") fail("expected :");
      i++;
      out[key as string] = readValue();
      skip();
      if (text[i] === ",") {
        i++;
        skip();
      } else if (text[i] !== "}") fail("expected , or }");
    }
    i++;
    return out;
  };
  const readValue = (): PythonValue => {
    skip();
    const ch = text[i];
    if (ch === undefined) return fail("unexpected end");
    if (ch === "'" || ch === '"') return readString();
    if (ch === "[") return readSequence("]");
    if (ch === "(") return readSequence(")");
    if (ch === "{") return readDict();
    const word = /^(True|False|None|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!word) return fail("unexpected character");
    const token = word[1] as string;
    i += token.length;
    if (token === "True") return true;
    if (token === "False") return false;
    if (token === "None") return null;
    return Number(token);
  };
  const value = readValue();
  skip();
  if (i !== text.length) fail("trailing text");
  return value;
}
