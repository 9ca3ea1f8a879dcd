/**
 * Test helpers, public as `confessional/test`: an offline scripted model and a local OpenAI-compatible
 * mock server.
 * @module
 */
export {
  createScriptedModel,
  type ScriptedModelOptions,
  type ScriptedProfile,
} from "./models/scripted-model.ts";
export * from "./testing/index.ts";
