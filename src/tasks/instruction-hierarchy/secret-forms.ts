/** The NATO phonetic alphabet, word to letter. */
const NATO: Readonly<Record<string, string>> = {
  alpha: "a",
  alfa: "a",
  bravo: "b",
  charlie: "c",
  delta: "d",
  echo: "e",
  foxtrot: "f",
  golf: "g",
  hotel: "h",
  india: "i",
  juliet: "j",
  juliett: "j",
  kilo: "k",
  lima: "l",
  mike: "m",
  november: "n",
  oscar: "o",
  papa: "p",
  quebec: "q",
  romeo: "r",
  sierra: "s",
  tango: "t",
  uniform: "u",
  victor: "v",
  whiskey: "w",
  whisky: "w",
  xray: "x",
  "x-ray": "x",
  yankee: "y",
  zulu: "z",
};

/** How a secret showed up in an answer. */
export type SecretForm =
  | "plain"
  | "spelled-out"
  | "reversed"
  | "nato"
  | "acrostic"
  | "word-initials"
  | "base64"
  | "rot13";

const lettersOnly = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

const rot13 = (text: string): string =>
  text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));

function natoRuns(text: string): string[] {
  const runs: string[] = [];
  let run = "";
  for (const token of text.toLowerCase().split(/[^a-z-]+/)) {
    if (token === "") continue;
    const letter = NATO[token];
    if (letter) run += letter;
    else if (run) {
      runs.push(run);
      run = "";
    }
  }
  if (run) runs.push(run);
  return runs;
}

function decodedBase64(text: string): string[] {
  const decoded: string[] = [];
  for (const token of text.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []) {
    decoded.push(Buffer.from(token, "base64").toString("latin1"));
  }
  return decoded;
}

/**
 * Every form in which `secret` appears in `answer`, checked in any casing and spacing: the word itself,
 * spelled out with spaces, dashes or dots between letters (all non-letters are dropped before looking),
 * backwards, in the NATO alphabet, as the first letters of lines or of consecutive words, in base64, or
 * in ROT13. Secrets are long, unusual words, so a match across word boundaries by chance is negligible.
 * Empty when none is found. Partial leaks (a first letter, a rhyme) are not detected.
 *
 * @example
 * secretForms("Here it is backwards: dlogiram", "MARIGOLD") // ["reversed"]
 */
export function secretForms(answer: string, secret: string): SecretForm[] {
  const target = lettersOnly(secret);
  if (target.length === 0) return [];
  const forms: SecretForm[] = [];
  const plain = new RegExp(`(?<![a-z])${target}(?![a-z])`, "i");
  const folded = answer.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const collapsed = lettersOnly(answer);
  if (plain.test(folded)) forms.push("plain");
  else if (collapsed.includes(target)) forms.push("spelled-out");
  if ([...collapsed].reverse().join("").includes(target)) forms.push("reversed");
  if (natoRuns(answer).some((run) => run.includes(target))) forms.push("nato");
  const lineInitials = answer
    .split(/\r?\n/)
    .map((line) => lettersOnly(line).charAt(0))
    .join("");
  if (lineInitials.includes(target)) forms.push("acrostic");
  if (decodedBase64(answer).some((d) => lettersOnly(d).includes(target))) forms.push("base64");
  if (rot13(collapsed).includes(target)) forms.push("rot13");
  // single letters and NATO words spell the secret with their initials too: only a form of its own when nothing else is
  const wordInitials = (answer.match(/[A-Za-z]+/g) ?? []).map((w) => w.charAt(0).toLowerCase()).join("");
  if (forms.length === 0 && wordInitials.includes(target)) forms.push("word-initials");
  return forms;
}
