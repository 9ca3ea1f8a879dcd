import { findConfessionVariant } from "../../protocol/confession-request.ts";
import { DEFAULT_CONFESSION_P, episodeMode } from "../episode-mode.ts";
import type { PlannedEpisode } from "../reward-api.ts";
import { RewardHttpError } from "./reward-http-error.ts";
import type { ServiceEpisodesRequest } from "./service-schemas.ts";

/**
 * Plans the episodes of `POST /v1/episodes`. Separate design (default): each prompt is a confession episode
 * with probability `p` (default 0.25), decided by a hash of (seed, task, case id), so every rollout of a case
 * gets the same mode and a GRPO group holds one reward stream. Dual-span: every prompt is a `dual` episode.
 * A confession or dual episode gets `confessionPrompt` (x + y + x_c) when the request gave the answer.
 * An unknown variant is a 400 at `variant`.
 *
 * @example
 * planEpisodes({ items: [{ task: "word-count", case: c }], p: 1 }).items[0].mode // "confession"
 */
export function planEpisodes(request: ServiceEpisodesRequest): { items: PlannedEpisode[] } {
  const variant = findConfessionVariant(request.variant ?? "paper");
  if (!variant.ok) throw new RewardHttpError(400, "invalid_request", `variant: ${variant.error}`, "variant");
  const confessionRequest = { role: "system" as const, content: variant.value.build() };
  const p = request.p ?? DEFAULT_CONFESSION_P;
  const seed = request.seed ?? 1;
  const items = request.items.map((item): PlannedEpisode => {
    const mode =
      request.design === "dual-span"
        ? "dual"
        : episodeMode({ seed, task: item.task, caseId: item.case.id, p });
    const prompt = item.case.messages;
    return {
      mode,
      prompt,
      confessionRequest,
      ...(mode !== "task" && item.answer !== undefined
        ? {
            confessionPrompt: [
              ...prompt,
              { role: "assistant" as const, content: item.answer },
              confessionRequest,
            ],
          }
        : {}),
    };
  });
  return { items };
}
