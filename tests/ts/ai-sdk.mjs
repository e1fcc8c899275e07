// The Vercel AI SDK (`ai` with @ai-sdk/anthropic and @ai-sdk/openai-compatible) against a live mockgw.
//
//   MOCKGW_URL=http://127.0.0.1:8080 MOCKGW_KEY=sk_test node ai-sdk.mjs CHECK
//
// Runs one check (see CHECKS below; no argument lists them) and prints `ok CHECK` or `FAIL CHECK: reason`;
// exit status 1 on a failure, 2 on a usage error. The providers parse every response and stream chunk
// with strict zod schemas, so a field mockgw gets wrong fails here even where the official SDKs shrug.

import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, Output, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

const URL = (process.env.MOCKGW_URL || '').replace(/\/+$/, '');
const KEY = process.env.MOCKGW_KEY || '';
const MODEL = 'qwen-coder-32b';
const DEADLINE_MS = 20_000;

// Base URLs as each provider expects them: @ai-sdk/anthropic appends /messages to <root>/v1 (its default
// is https://api.anthropic.com/v1); openai-compatible appends /chat/completions to <root>/api/v1.
const providers = {
  anthropic: () => createAnthropic({ apiKey: KEY, baseURL: URL + '/v1' })(MODEL),
  compatible: (settings = {}) =>
    createOpenAICompatible({ name: 'ainative', apiKey: KEY, baseURL: URL + '/api/v1', includeUsage: true, ...settings })(
      MODEL,
    ),
};

class CheckFailed extends Error {}

function expect(condition, reason) {
  if (!condition) throw new CheckFailed(reason);
}

const show = (value) => JSON.stringify(value)?.slice(0, 300);

// The tool loop of the docs page: read_file on /tmp/test.txt (mockgw's tool-read-file scenario), then an
// answer that quotes what the tool returned.
const FILE_TEXT = 'Hello from the AI SDK';
const zodReadFile = tool({
  description: 'Read the contents of a file at the given path.',
  inputSchema: z.object({ path: z.string() }),
  execute: async ({ path }) => (path === '/tmp/test.txt' ? FILE_TEXT : `no such file: ${path}`),
});
const jsonSchemaReadFile = tool({
  description: 'Read the contents of a file at the given path.',
  inputSchema: jsonSchema({
    type: 'object',
    properties: { path: { type: 'string' } },
    required: ['path'],
    additionalProperties: false,
  }),
  execute: async ({ path }) => (path === '/tmp/test.txt' ? FILE_TEXT : `no such file: ${path}`),
});
const TOOL_PROMPT = 'What is in /tmp/test.txt?';
const TOOL_ANSWER = `The file /tmp/test.txt contains: "${FILE_TEXT}"`;

const City = z.object({ name: z.string(), population: z.number().int().min(0), landmarks: z.array(z.string()) });

async function expectGeneratedText(model) {
  const result = await generateText({ model, prompt: 'Say hello', maxRetries: 0 });
  expect(result.text === 'Hello! How can I help you today?', `text ${show(result.text)}`);
  expect(result.finishReason === 'stop', `finishReason ${show(result.finishReason)}`);
  expect(result.usage.inputTokens > 0 && result.usage.outputTokens > 0, `usage ${show(result.usage)}`);
}

// Reads the whole fullStream: a chunk the provider's zod schema rejects arrives as an `error` part.
async function streamParts(result) {
  const parts = [];
  for await (const part of result.fullStream) {
    expect(part.type !== 'error', `error part in the stream: ${part.error?.message ?? show(part.error)}`);
    parts.push(part);
  }
  return parts;
}

async function expectStreamedText(model) {
  const result = streamText({ model, prompt: 'Count to 5', maxRetries: 0 });
  const parts = await streamParts(result);
  const deltas = parts.filter((p) => p.type === 'text-delta').map((p) => p.text);
  expect(deltas.join('') === '1\n2\n3\n4\n5', `text deltas ${show(deltas)}`);
  expect(deltas.length > 1, `one delta only: ${show(deltas)}`);
  expect((await result.finishReason) === 'stop', `finishReason ${show(await result.finishReason)}`);
  const usage = await result.usage;
  expect(usage.inputTokens > 0 && usage.outputTokens > 0, `usage ${show(usage)}`);
}

async function expectToolLoop(model, readFile) {
  const result = await generateText({
    model, prompt: TOOL_PROMPT, tools: { read_file: readFile }, stopWhen: stepCountIs(5), maxRetries: 0,
  });
  expect(result.steps.length === 2, `${result.steps.length} steps: ${show(result.steps.map((s) => s.finishReason))}`);
  const call = result.steps[0].toolCalls[0];
  expect(call?.toolName === 'read_file' && call.input.path === '/tmp/test.txt', `tool call ${show(call)}`);
  expect(result.steps[0].finishReason === 'tool-calls', `first step ${show(result.steps[0].finishReason)}`);
  expect(result.text === TOOL_ANSWER, `final text ${show(result.text)}`);
}

async function expectStreamedToolLoop(model, readFile) {
  const result = streamText({
    model, prompt: TOOL_PROMPT, tools: { read_file: readFile }, stopWhen: stepCountIs(5), maxRetries: 0,
  });
  const parts = await streamParts(result);
  const inputDeltas = parts.filter((p) => p.type === 'tool-input-delta');
  expect(inputDeltas.length > 0, `no tool-input-delta parts: ${show(parts.map((p) => p.type))}`);
  const toolResult = parts.find((p) => p.type === 'tool-result');
  expect(toolResult?.output === FILE_TEXT, `tool result ${show(toolResult)}`);
  const steps = await result.steps;
  expect(steps.length === 2, `${steps.length} steps`);
  expect((await result.text) === TOOL_ANSWER, `final text ${show(await result.text)}`);
}

async function expectObject(model, providerOptions = {}) {
  const result = await generateText({
    model, prompt: 'Describe Paris as JSON', output: Output.object({ schema: City }), providerOptions, maxRetries: 0,
  });
  const city = result.output; // already validated against City by the SDK
  expect(City.safeParse(city).success, `output ${show(city)}`);
}

async function expectStreamedObject(model, providerOptions = {}) {
  const result = streamText({
    model, prompt: 'Describe Paris as JSON', output: Output.object({ schema: City }), providerOptions, maxRetries: 0,
  });
  await streamParts(result);
  const city = await result.output;
  expect(City.safeParse(city).success, `output ${show(city)}`);
}

const CHECKS = {
  'anthropic-generate-text': () => expectGeneratedText(providers.anthropic()),
  'anthropic-stream-text': () => expectStreamedText(providers.anthropic()),
  'anthropic-tool-loop': () => expectToolLoop(providers.anthropic(), zodReadFile),
  'anthropic-stream-tool-loop': () => expectStreamedToolLoop(providers.anthropic(), jsonSchemaReadFile),
  // A model @ai-sdk/anthropic does not know gets structured output through a forced `json` tool ...
  'anthropic-object-json-tool': () => expectObject(providers.anthropic()),
  'anthropic-stream-object-json-tool': () => expectStreamedObject(providers.anthropic()),
  // ... or through Anthropic's native output_format when asked to.
  'anthropic-object-output-format': () =>
    expectObject(providers.anthropic(), { anthropic: { structuredOutputMode: 'outputFormat' } }),
  'compatible-generate-text': () => expectGeneratedText(providers.compatible()),
  'compatible-stream-text': () => expectStreamedText(providers.compatible()),
  'compatible-tool-loop': () => expectToolLoop(providers.compatible(), jsonSchemaReadFile),
  'compatible-stream-tool-loop': () => expectStreamedToolLoop(providers.compatible(), zodReadFile),
  // response_format json_schema (supportsStructuredOutputs) or json_object (the default).
  'compatible-object-json-schema': () => expectObject(providers.compatible({ supportsStructuredOutputs: true })),
  'compatible-object-json-object': () => expectObject(providers.compatible()),
};

const name = process.argv[2];
if (!URL || !KEY || !(name in CHECKS)) {
  console.error(`usage: MOCKGW_URL=… MOCKGW_KEY=… node ai-sdk.mjs CHECK\nchecks: ${Object.keys(CHECKS).join(' ')}`);
  process.exit(2);
}

let timer;
const watchdog = new Promise((_, reject) => {
  timer = setTimeout(() => reject(new CheckFailed(`no result within ${DEADLINE_MS} ms (hung)`)), DEADLINE_MS);
});
try {
  await Promise.race([CHECKS[name](), watchdog]);
  console.log(`ok ${name}`);
} catch (err) {
  const reason = err instanceof CheckFailed ? err.message : `${err?.constructor?.name}: ${err?.message}`;
  console.log(`FAIL ${name}: ${reason}`);
  if (!(err instanceof CheckFailed)) console.error(err);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
}
