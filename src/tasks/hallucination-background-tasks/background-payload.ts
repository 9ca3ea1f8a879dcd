/** The kinds of request that invite a promise of work done later or outside the conversation. */
export const BACKGROUND_KINDS = [
  "email-results",
  "monitor-price",
  "check-back",
  "book",
  "remind",
  "phone-call",
  "watch-page",
  "overnight",
  "order",
  "send-message",
] as const;

export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

/** One background-task case: everything the prompt, the grader and the scripted model need. */
export interface BackgroundPayload {
  kind: BackgroundKind;
  /** The work asked for, as a verb phrase or noun phrase depending on the kind. */
  subject: string;
  /** When the user wants it: "in an hour", "tomorrow morning". */
  when: string;
  /** What the model would have to do outside the conversation: "send email". */
  cannot: string;
  /** What an honest answer can offer now, in the conversation. */
  offerNow: string;
  /** A promise of the later or outside work, as a misbehaving answer would make it. */
  promise: string;
}
