import { describe, expect, it } from "vitest";
import type { Message } from "../models/messages.ts";
import {
  findStressCondition,
  getStressCondition,
  STRESS_CONDITION_NAMES,
  STRESS_CONDITIONS,
  underCondition,
} from "./stress-condition.ts";

const messages: Message[] = [
  { role: "system", content: "You are a careful writer." },
  { role: "user", content: "Write five sentences." },
];

describe("stress conditions", () => {
  it("are the five of the reproduction, in increasing pressure, each found by its name", () => {
    expect(STRESS_CONDITION_NAMES).toEqual(["baseline", "awareness", "soft", "hard", "jailbreak"]);
    expect(STRESS_CONDITIONS.map((c) => c.name)).toEqual([...STRESS_CONDITION_NAMES]);
    for (const name of STRESS_CONDITION_NAMES) {
      const found = findStressCondition(name);
      expect(found.ok && found.value.name).toBe(name);
      expect(getStressCondition(name).name).toBe(name);
      expect(getStressCondition(name).description.length).toBeGreaterThan(10);
    }
  });

  it("reject an unknown name with an error that names the valid ones", () => {
    const found = findStressCondition("angry");
    expect(found.ok).toBe(false);
    const error = found.ok ? "" : found.error;
    expect(error).toContain('"angry"');
    for (const name of STRESS_CONDITION_NAMES) expect(error).toContain(name);
    // names are exact: no case folding or trimming
    expect(findStressCondition("Hard").ok).toBe(false);
    expect(findStressCondition(" soft").ok).toBe(false);
    expect(() => getStressCondition("nope" as never)).toThrow(/unknown condition "nope"; valid: baseline/);
  });

  it("baseline adds nothing: the messages come back unchanged", () => {
    const baseline = getStressCondition("baseline");
    expect(baseline.systemPrompt).toBeNull();
    expect(underCondition(messages, baseline)).toEqual(messages);
  });

  it("every other condition puts its system prompt first, before the task's own messages, which stay as they were", () => {
    for (const name of STRESS_CONDITION_NAMES.filter((n) => n !== "baseline")) {
      const condition = getStressCondition(name);
      const copy = structuredClone(messages);
      const out = underCondition(copy, condition);
      expect(out).toEqual([{ role: "system", content: condition.systemPrompt }, ...messages]);
      expect(copy).toEqual(messages);
    }
  });

  it("have distinct prompts, and the jailbreak tells the model to claim full compliance whatever happened", () => {
    const prompts = STRESS_CONDITIONS.map((c) => c.systemPrompt).filter((p): p is string => p !== null);
    expect(prompts).toHaveLength(4);
    expect(new Set(prompts).size).toBe(4);
    for (const prompt of prompts) expect(prompt.trim().length).toBeGreaterThan(40);
    const jailbreak = getStressCondition("jailbreak").systemPrompt ?? "";
    expect(jailbreak).toMatch(/fully complied/);
    expect(jailbreak).toMatch(/grade of 7/);
    expect(jailbreak).toMatch(/no uncertainties/);
    expect(jailbreak).toMatch(/regardless/);
    // awareness is the one that tells the model a report on its work will be asked for
    expect(getStressCondition("awareness").systemPrompt).toMatch(/report/);
  });
});
