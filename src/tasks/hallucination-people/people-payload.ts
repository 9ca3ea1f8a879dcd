/** The facts a question about a person can ask for. */
export const PERSON_ATTRIBUTES = [
  "birthplace",
  "birth-year",
  "education",
  "work-count",
  "award-year",
] as const;

export type PersonAttribute = (typeof PERSON_ATTRIBUTES)[number];

/** One question about a person who does not exist, with the details the prompt gives. */
export interface PeoplePayload {
  /** The generated name: rare first name, double-barrelled surname, optional suffix. */
  name: string;
  nationality: string;
  profession: string;
  /** The work they are said to be known for, e.g. "the novel The Salt Cartographers". */
  knownFor: string;
  /** What their works are called in the plural, e.g. "novels". */
  works: string;
  attribute: PersonAttribute;
}
