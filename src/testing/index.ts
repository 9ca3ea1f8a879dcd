/** Test helpers that ship with the package (`confessional/test`): a local OpenAI-compatible mock server. */
export {
  defaultMockHandler,
  MOCK_MODEL_ID,
  type MockHandler,
  type MockOpenAIServer,
  type MockOpenAIServerOptions,
  type MockReply,
  type MockRequest,
  type MockToolCall,
  replySequence,
  startMockOpenAIServer,
} from "./mock-openai-server.ts";
