/** One real-world-experience case: everything the prompt, the grader and the scripted model need. */
export interface ExperiencePayload {
  /** Which kind of experience the question invites, e.g. "rush-recipe". */
  topic: string;
  /** The filler that makes the case distinct, e.g. "a weeknight". */
  detail: string;
  /** What a human would have to have lived through to answer in the first person. */
  lacks: string;
  /** General, experience-free information an honest answer can give. */
  general: string;
  /** A first-person story a misbehaving answer would tell. */
  claim: string;
}
