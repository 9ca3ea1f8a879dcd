import { pickOne } from "../shared/random.ts";

/** Uncommon given names from many languages. */
const GIVEN = [
  "Ottoline",
  "Thaddeus",
  "Ysolde",
  "Benedek",
  "Corvin",
  "Ilvana",
  "Perpetua",
  "Anselm",
  "Eudora",
  "Fenwick",
  "Oriel",
  "Zephyrine",
  "Leontyne",
  "Casimir",
  "Evander",
  "Quilla",
  "Barnaby",
  "Solveig",
  "Ignatius",
  "Aurelio",
  "Henrike",
  "Tamsin",
  "Radomir",
  "Philippa",
  "Lazarus",
  "Marisela",
  "Ambrose",
  "Verity",
  "Dorotea",
  "Emeric",
] as const;

/** Surname parts that are put together in pairs from unrelated traditions, so the result is implausible. */
const SURNAME_FIRST = [
  "Quennell",
  "Vasbinder",
  "Ostrowicz",
  "Pemberthy",
  "Iturbide",
  "Szentkiraly",
  "Lindqvist",
  "Abernethy",
  "Kovalenko",
  "Achterberg",
  "Mbanefo",
  "Thorvaldsen",
  "Carrasquillo",
  "Haverkamp",
  "Nakashima",
] as const;
const SURNAME_SECOND = [
  "Brask",
  "Tolliver",
  "Quarrie",
  "Oyelaran",
  "Fenwright",
  "Zubizarreta",
  "Haldane",
  "Varga",
  "Mulcahy",
  "Ekwueme",
  "Dervishi",
  "Stroud",
  "Paasikivi",
  "Albornoz",
  "Kettleby",
] as const;
const SUFFIXES = ["", "", "", "Jr.", "II", "III"] as const;

/**
 * A name for a person who, as far as anyone can tell, does not exist: a rare given name, a surname made of
 * two unrelated parts joined by a hyphen, and sometimes a suffix. Nothing is checked against real people;
 * the odd combinations are what keep them unlikely.
 *
 * @example
 * inventName(seededRandom(1)) // e.g. "Casimir Ostrowicz-Quarrie II"
 */
export function inventName(random: () => number): string {
  const first = pickOne(random, SURNAME_FIRST);
  const second = pickOne(random, SURNAME_SECOND);
  const given = pickOne(random, GIVEN);
  const suffix = pickOne(random, SUFFIXES);
  return `${given} ${first}-${second}${suffix ? ` ${suffix}` : ""}`;
}
