/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields optionally quoted with
 * `"` and a doubled `""` standing for one quote inside a quoted field. Quoted fields may span lines.
 * A final line break does not start an empty record.
 *
 * @example
 * parseCsv('a,b\n"x, y","say ""hi"""\n') // [["a", "b"], ["x, y", 'say "hi"']]
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      endRecord();
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new SyntaxError("CSV ends inside a quoted field");
  if (field !== "" || record.length > 0) endRecord();
  return records;
}
