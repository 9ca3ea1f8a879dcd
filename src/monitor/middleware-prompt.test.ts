import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { toolCallFromInput, toProviderPrompt } from "../models/ai-sdk-model.ts";
import type { Message } from "../models/messages.ts";
import { answerFromContent, fromProviderPrompt } from "./middleware-prompt.ts";

describe("fromProviderPrompt", () => {
  it("reverses toProviderPrompt for our messages", () => {
    const messages: Message[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "c1", name: "weather", arguments: { city: "Oslo" } }],
      },
      { role: "tool", toolCallId: "c1", toolName: "weather", content: "4°C, rain" },
      { role: "assistant", content: "It is 4°C and raining." },
      { role: "system", content: "Mid-conversation note." },
    ];
    expect(fromProviderPrompt(toProviderPrompt(messages, "openai"))).toEqual(messages);
  });

  it("keeps reasoning, joins text parts and names what text cannot hold", () => {
    const prompt: LanguageModelV4Prompt = [
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          {
            type: "file",
            mediaType: "image/png",
            filename: "cat.png",
            data: { type: "url", url: new URL("https://x/cat.png") },
          },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "Looks furry." },
          { type: "text", text: "A cat" },
          { type: "text", text: " on a mat." },
        ],
      },
    ];
    expect(fromProviderPrompt(prompt)).toEqual([
      { role: "user", content: "What is in this picture?\n[file: image/png cat.png]" },
      { role: "assistant", content: "A cat on a mat.", reasoning: "Looks furry." },
    ]);
  });

  it("turns every kind of tool output into text and drops approval responses", () => {
    const prompt: LanguageModelV4Prompt = [
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "a",
            toolName: "t",
            output: { type: "json", value: { ok: true } },
          },
          {
            type: "tool-result",
            toolCallId: "b",
            toolName: "t",
            output: { type: "error-text", value: "timed out" },
          },
          {
            type: "tool-result",
            toolCallId: "c",
            toolName: "t",
            output: { type: "execution-denied", reason: "not allowed" },
          },
          {
            type: "tool-result",
            toolCallId: "d",
            toolName: "t",
            output: { type: "content", value: [{ type: "text", text: "page one" }] },
          },
          { type: "tool-approval-response", approvalId: "x", approved: true },
        ],
      },
    ];
    expect(fromProviderPrompt(prompt).map((m) => m.content)).toEqual([
      '{"ok":true}',
      "[tool error] timed out",
      "[tool run denied: not allowed]",
      "page one",
    ]);
  });

  it("puts results of provider-run tools after the assistant message that holds them", () => {
    const prompt: LanguageModelV4Prompt = [
      {
        role: "assistant",
        content: [
          {
            type: "tool-call",
            toolCallId: "s1",
            toolName: "web_search",
            input: { q: "rain" },
            providerExecuted: true,
          },
          {
            type: "tool-result",
            toolCallId: "s1",
            toolName: "web_search",
            output: { type: "text", value: "results" },
          },
          { type: "text", text: "It rains." },
        ],
      },
    ];
    expect(fromProviderPrompt(prompt)).toEqual([
      {
        role: "assistant",
        content: "It rains.",
        toolCalls: [{ id: "s1", name: "web_search", arguments: { q: "rain" } }],
      },
      { role: "tool", toolCallId: "s1", toolName: "web_search", content: "results" },
    ]);
  });
});

describe("answerFromContent and toolCallFromInput", () => {
  it("joins text and parses tool-call inputs, keeping malformed ones as text", () => {
    expect(
      answerFromContent([
        { type: "reasoning", text: "hidden" },
        { type: "text", text: "Calling " },
        { type: "text", text: "tools." },
        { type: "tool-call", toolCallId: "c1", toolName: "add", input: '{"a":1}' },
        { type: "tool-call", toolCallId: "c2", toolName: "add", input: "{not json" },
      ]),
    ).toEqual({
      text: "Calling tools.",
      toolCalls: [
        { id: "c1", name: "add", arguments: { a: 1 } },
        { id: "c2", name: "add", arguments: "{not json" },
      ],
    });
    expect(toolCallFromInput("c3", "now", " ")).toEqual({ id: "c3", name: "now", arguments: {} });
  });
});
