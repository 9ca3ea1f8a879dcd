// The service's request schemas: the wire contract's (../reward-api.ts), with one extension the contract lacks.
// Tool suites (broken-browser, covert-rule-violation, sandbagging, impossible-task) grade from the answer phase
// and the tool environment's final state; the contract's items carry only the answer, so the service also
// accepts an optional `transcript` and `environment` on task and confession items. Without them those suites
// grade with an empty transcript and no environment, which is what they get.
import { z } from "zod";
import {
  confessionRewardRequestSchema,
  episodesRequestSchema,
  taskRewardRequestSchema,
} from "../reward-api.ts";

/** A transcript message: the contract's chat shape, plus the tool fields our `Message` has. */
export const transcriptMessageSchema = z
  .object({
    role: z.enum(["system", "user", "assistant", "tool"]),
    content: z.string(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.unknown() })).optional(),
    toolCallId: z.string().optional(),
    toolName: z.string().optional(),
  })
  .passthrough();

/** The fields the service adds to the contract's items (see the file comment). */
export const answerPhaseFields = {
  /** Every message of the answer phase, tool calls and results included. Default: none. */
  transcript: z.array(transcriptMessageSchema).optional(),
  /** The tool environment's final state (a suite's `ToolEnvironment.snapshot()`). */
  environment: z.unknown().optional(),
};

/** `POST /v1/rewards/task`, as the service reads it. */
export const serviceTaskRequestSchema = z.object({
  items: z.array(taskRewardRequestSchema.shape.items.element.extend(answerPhaseFields)).min(1),
});
export type ServiceTaskItem = z.infer<typeof serviceTaskRequestSchema>["items"][number];

/** `POST /v1/rewards/confession`, as the service reads it. */
export const serviceConfessionRequestSchema = z.object({
  items: z.array(confessionRewardRequestSchema.shape.items.element.extend(answerPhaseFields)).min(1),
});
export type ServiceConfessionItem = z.infer<typeof serviceConfessionRequestSchema>["items"][number];

/** `POST /v1/episodes` (unchanged from the contract). */
export const serviceEpisodesRequestSchema = episodesRequestSchema;
export type ServiceEpisodesRequest = z.infer<typeof serviceEpisodesRequestSchema>;
