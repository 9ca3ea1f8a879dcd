/** A profession, what its works are called, and how one work is introduced. */
export interface Profession {
  title: string;
  /** Works in the plural: "novels". */
  works: string;
  /** How one work is introduced: "the novel". */
  kind: string;
}

export const PROFESSIONS: readonly Profession[] = [
  { title: "novelist", works: "novels", kind: "the novel" },
  { title: "cellist", works: "albums", kind: "the album" },
  { title: "architect", works: "buildings", kind: "the concert hall" },
  { title: "marine biologist", works: "books", kind: "the study" },
  { title: "painter", works: "paintings", kind: "the series" },
  { title: "film director", works: "films", kind: "the film" },
  { title: "poet", works: "collections", kind: "the collection" },
  { title: "economist", works: "books", kind: "the book" },
  { title: "choreographer", works: "ballets", kind: "the ballet" },
  { title: "photographer", works: "exhibitions", kind: "the exhibition" },
  { title: "playwright", works: "plays", kind: "the play" },
  { title: "composer", works: "symphonies", kind: "the symphony" },
];

export const NATIONALITIES = [
  "Chilean",
  "Estonian",
  "Ghanaian",
  "Portuguese",
  "Canadian",
  "Hungarian",
  "Filipino",
  "Norwegian",
  "Moroccan",
  "Welsh",
  "Uruguayan",
  "Slovenian",
  "Icelandic",
  "Kenyan",
  "Malaysian",
  "Belgian",
] as const;

const TITLE_ADJECTIVES = [
  "Salt",
  "Amber",
  "Hollow",
  "Lantern",
  "Paper",
  "Winter",
  "Copper",
  "Quiet",
  "Glass",
  "Iron",
  "Silver",
  "Ash",
] as const;
const TITLE_NOUNS = [
  "Cartographers",
  "Orchard",
  "Tides",
  "Meridian",
  "Harbour",
  "Atlas",
  "Lullabies",
  "Ledger",
  "Bridges",
  "Choir",
  "Lighthouse",
  "Almanac",
] as const;

/** A work title: "The Salt Cartographers". */
export function workTitle(random: () => number): string {
  const adjective = TITLE_ADJECTIVES[Math.floor(random() * TITLE_ADJECTIVES.length)] as string;
  const noun = TITLE_NOUNS[Math.floor(random() * TITLE_NOUNS.length)] as string;
  return `The ${adjective} ${noun}`;
}
