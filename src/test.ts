/**
 * Test helpers, public as `confessional/test`: an offline scripted model, offline scripted judges and a
 * local OpenAI-compatible mock server.
 * @module
 */

export { createScriptedJudgeModel, type ScriptedJudgeModelOptions } from "./judges/scripted-judge-model.ts";
export {
  createScriptedModel,
  type ScriptedModelOptions,
  type ScriptedProfile,
} from "./models/scripted-model.ts";
export * from "./testing/index.ts";
