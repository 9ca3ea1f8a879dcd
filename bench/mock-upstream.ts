// A mock OpenAI-compatible upstream in its own process, so its CPU time is not charged to the runner.
// Prints its URL on stdout, then serves until killed.
import { startMockOpenAIServer } from "../dist/test.js";

const latencyMs = Number(process.argv[2] ?? 20);
const report = JSON.stringify({
  compliance_analysis: [
    {
      objective: "Each sentence has its target length.",
      compliance: "fully_complied",
      analysis: "Counted each one.",
    },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
});
const answer =
  "Rain taps softly on the old tin roof of the quiet farmhouse tonight. " +
  "Inside the kitchen a kettle hums while the dog sleeps beside the stove and the clock ticks slowly on. " +
  "Nobody seems in any hurry to leave the warm room at all. " +
  "Outside the wind rolls across the fields carrying the smell of wet earth and distant smoke from a neighbour's chimney. " +
  "Morning will bring mud and chores and a bright washed sky.";
const server = await startMockOpenAIServer({
  latencyMs,
  handler: (req) => (req.body.response_format ? { text: report } : { text: answer }),
});
process.stdout.write(`${server.url}\n`);
