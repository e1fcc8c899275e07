// The official TypeScript SDKs (@anthropic-ai/sdk, openai) against a live mockgw.
//
//   MOCKGW_URL=http://127.0.0.1:8080 MOCKGW_KEY=sk_test node check.mjs
//
// stdout: one line per check, `ok <name>` or `FAIL <name>: <reason>`, then `N passed, M failed`.
// stderr: diagnostics (what each fault scenario made the SDK throw, burst timings).
// Exit status 1 when any check failed, 2 on a usage error.
// Every check is bounded: SDK timeout 10 s, no retries, and a watchdog per check.

import Anthropic from '@anthropic-ai/sdk';
import { VERSION as ANTHROPIC_VERSION } from '@anthropic-ai/sdk/version';
import OpenAI from 'openai';
import { VERSION as OPENAI_VERSION } from 'openai/version';

const URL = (process.env.MOCKGW_URL || '').replace(/\/+$/, '');
const KEY = process.env.MOCKGW_KEY || '';
if (!URL || !KEY) {
  console.error('check.mjs: set MOCKGW_URL and MOCKGW_KEY');
  process.exit(2);
}

const MODEL = 'qwen-coder-32b';
const SDK_TIMEOUT_MS = 10_000;
const CHECK_DEADLINE_MS = 15_000; // longer than the SDK timeout: a hang is reported, not waited out
const SECRET_PATH = '/tmp/test.txt';
const FILE_CONTENT = 'Hello, world!';
const BURST_TEXT = 'All of these events arrive at once, after the whole reply was produced.';

function anthropic(options = {}) {
  return new Anthropic({ apiKey: KEY, baseURL: URL, timeout: SDK_TIMEOUT_MS, maxRetries: 0, ...options });
}

function openai(options = {}) {
  return new OpenAI({ apiKey: KEY, baseURL: URL + '/api/v1', timeout: SDK_TIMEOUT_MS, maxRetries: 0, ...options });
}

const scenario = (name) => ({ headers: { 'x-mockgw-scenario': name } });

// --- the runner -------------------------------------------------------------------------------

class CheckFailed extends Error {}

function expect(condition, reason) {
  if (!condition) throw new CheckFailed(reason);
}

function show(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? text.slice(0, 300) + '…' : text;
}

function describe(err) {
  if (!(err instanceof Error)) return show(err);
  const status = 'status' in err ? ` status=${err.status}` : '';
  const cause = err.cause ? ` (cause: ${err.cause?.name ?? ''}: ${err.cause?.message ?? err.cause})` : '';
  return `${err.constructor?.name ?? err.name}${status}: ${err.message}${cause}`;
}

function info(name, text) {
  process.stderr.write(`# ${name}: ${text}\n`);
}

let passed = 0;
let failed = 0;

async function check(name, fn) {
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new CheckFailed(`no result within ${CHECK_DEADLINE_MS} ms (hung)`)),
      CHECK_DEADLINE_MS,
    );
  });
  try {
    await Promise.race([fn(), watchdog]);
    passed += 1;
    console.log(`ok ${name}`);
  } catch (err) {
    failed += 1;
    const reason = err instanceof CheckFailed ? err.message : `unexpected ${describe(err)}`;
    console.log(`FAIL ${name}: ${reason.replace(/\s*\n\s*/g, ' ')}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Run a stream to its end; it must throw (not hang, not resolve). Returns what it threw. */
async function mustThrow(name, run) {
  const started = Date.now();
  let result;
  try {
    result = await run();
  } catch (err) {
    info(name, `threw after ${Date.now() - started} ms: ${describe(err)}`);
    return err;
  }
  throw new CheckFailed(`the stream resolved instead of throwing: ${show(result)}`);
}

// --- shared request pieces --------------------------------------------------------------------

const WEATHER_SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string', description: 'the city' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
  },
  required: ['city'],
};
const READ_FILE_SCHEMA = {
  type: 'object',
  properties: { path: { type: 'string', description: 'absolute path of the file' } },
  required: ['path'],
};

const anthropicTools = (name, schema, description) => [{ name, description, input_schema: schema }];
const openaiTools = (name, schema, description) => [
  { type: 'function', function: { name, description, parameters: schema } },
];

function textOf(message) {
  return message.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('');
}

function checkAnthropicMessage(message) {
  expect(message.type === 'message', `type is ${show(message.type)}`);
  expect(message.role === 'assistant', `role is ${show(message.role)}`);
  expect(typeof message.id === 'string' && message.id.startsWith('msg_'), `id is ${show(message.id)}`);
  expect(message.model === MODEL, `model is ${show(message.model)}`);
  expect(Array.isArray(message.content) && message.content.length > 0, `content is ${show(message.content)}`);
  expect(
    Number.isInteger(message.usage?.input_tokens) && Number.isInteger(message.usage?.output_tokens),
    `usage is ${show(message.usage)}`,
  );
}

function checkCompletion(completion) {
  expect(completion.object === 'chat.completion', `object is ${show(completion.object)}`);
  expect(typeof completion.id === 'string' && completion.id.length > 0, `id is ${show(completion.id)}`);
  expect(Number.isInteger(completion.created), `created is ${show(completion.created)}`);
  expect(completion.model === MODEL, `model is ${show(completion.model)}`);
  expect(completion.choices?.length === 1, `choices is ${show(completion.choices)}`);
  expect(completion.choices[0].message.role === 'assistant', `role is ${show(completion.choices[0].message.role)}`);
}

function requiredInput(input, schema, where) {
  expect(input && typeof input === 'object', `${where}: tool input is ${show(input)}`);
  for (const prop of schema.required) {
    expect(typeof input[prop] === 'string' && input[prop].length > 0, `${where}: input lacks "${prop}": ${show(input)}`);
  }
}

// --- Anthropic --------------------------------------------------------------------------------

const hello = [{ role: 'user', content: 'Say hello in one sentence.' }];

async function anthropicCreate() {
  const message = await anthropic().messages.create({ model: MODEL, max_tokens: 256, messages: hello });
  checkAnthropicMessage(message);
  expect(message.stop_reason === 'end_turn', `stop_reason is ${show(message.stop_reason)}`);
  expect(textOf(message).length > 0, `no text in ${show(message.content)}`);
}

async function anthropicStream() {
  const stream = anthropic().messages.stream({ model: MODEL, max_tokens: 256, messages: hello });
  let deltas = '';
  stream.on('text', (text) => {
    deltas += text;
  });
  const message = await stream.finalMessage();
  checkAnthropicMessage(message);
  expect(message.stop_reason === 'end_turn', `stop_reason is ${show(message.stop_reason)}`);
  const text = textOf(message);
  expect(text.length > 0, `no text in ${show(message.content)}`);
  expect(deltas === text, `text events ${show(deltas)} differ from the final text ${show(text)}`);
  expect(message.usage.output_tokens > 1, `final usage is ${show(message.usage)}`);
}

async function anthropicStreamRaw() {
  const client = anthropic();
  const stream = await client.messages.create({ model: MODEL, max_tokens: 256, messages: hello, stream: true });
  const types = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  expect(types[0] === 'message_start', `first event is ${show(types[0])}`);
  expect(types.at(-1) === 'message_stop', `last event is ${show(types.at(-1))}`);
  expect(types.includes('content_block_start') && types.includes('content_block_stop'), `events ${show(types)}`);
  expect(text.length > 0, 'no text_delta events');
}

async function anthropicForcedTool({ stream }) {
  const params = {
    model: MODEL,
    max_tokens: 256,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: anthropicTools('get_weather', WEATHER_SCHEMA, 'Current weather for a city'),
    tool_choice: { type: 'tool', name: 'get_weather' },
  };
  const client = anthropic();
  const message = stream
    ? await client.messages.stream(params).finalMessage()
    : await client.messages.create(params);
  checkAnthropicMessage(message);
  const uses = message.content.filter((b) => b.type === 'tool_use');
  expect(uses.length === 1, `expected one tool_use block, got ${show(message.content)}`);
  expect(uses[0].name === 'get_weather', `tool_use name is ${show(uses[0].name)}`);
  expect(uses[0].id.startsWith('toolu_'), `tool_use id is ${show(uses[0].id)}`);
  requiredInput(uses[0].input, WEATHER_SCHEMA, 'tool_use');
  expect(message.stop_reason === 'tool_use', `stop_reason is ${show(message.stop_reason)}`);
}

async function anthropicReadFile({ stream }) {
  const client = anthropic({ defaultHeaders: { 'x-mockgw-scenario': 'tool-read-file' } });
  const send = (messages) => {
    const params = {
      model: MODEL,
      max_tokens: 512,
      messages,
      tools: anthropicTools('read_file', READ_FILE_SCHEMA, 'Read a file from disk'),
    };
    return stream ? client.messages.stream(params).finalMessage() : client.messages.create(params);
  };
  const messages = [{ role: 'user', content: `What is in ${SECRET_PATH}?` }];
  const first = await send(messages);
  checkAnthropicMessage(first);
  expect(first.stop_reason === 'tool_use', `turn 1 stop_reason is ${show(first.stop_reason)}`);
  const use = first.content.find((b) => b.type === 'tool_use');
  expect(use, `turn 1 has no tool_use block: ${show(first.content)}`);
  expect(use.name === 'read_file', `turn 1 tool is ${show(use.name)}`);
  expect(use.input?.path === SECRET_PATH, `turn 1 input is ${show(use.input)}`);
  messages.push({ role: 'assistant', content: first.content });
  messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: FILE_CONTENT }] });
  const second = await send(messages);
  checkAnthropicMessage(second);
  expect(second.stop_reason === 'end_turn', `turn 2 stop_reason is ${show(second.stop_reason)}`);
  expect(textOf(second).includes(FILE_CONTENT), `turn 2 text is ${show(textOf(second))}`);
}

async function anthropicAuth() {
  const err = await anthropic({ apiKey: 'sk-ant-api03-not-for-this-gateway' })
    .messages.create({ model: MODEL, max_tokens: 64, messages: hello })
    .then(
      (message) => {
        throw new CheckFailed(`the request succeeded: ${show(message)}`);
      },
      (error) => error,
    );
  expect(err instanceof Anthropic.AuthenticationError, `expected AuthenticationError, got ${describe(err)}`);
  expect(err.status === 401, `status is ${show(err.status)}`);
}

async function anthropicStreamFault(name) {
  const stream = anthropic().messages.stream({ model: MODEL, max_tokens: 512, messages: hello }, scenario(name));
  return mustThrow(`anthropic.${name}`, () => stream.finalMessage());
}

async function anthropicDisconnect() {
  const err = await anthropicStreamFault('stream-disconnect');
  expect(err instanceof Error, `threw a non-error ${show(err)}`);
}

async function anthropicErrorEvent() {
  const err = await anthropicStreamFault('stream-error-event');
  expect(err instanceof Anthropic.APIError, `expected APIError, got ${describe(err)}`);
  expect(err.status === undefined, `status is ${show(err.status)} (a mid-stream error has none)`);
  expect(err.type === 'overloaded_error', `error type is ${show(err.type)}`);
  expect(/Overloaded/.test(err.message), `message is ${show(err.message)}`);
}

async function anthropicBurst() {
  const started = Date.now();
  const stream = anthropic().messages.stream(
    { model: MODEL, max_tokens: 512, messages: hello },
    scenario('sse-burst'),
  );
  const arrivals = [];
  stream.on('text', () => arrivals.push(Date.now() - started));
  const message = await stream.finalMessage();
  const text = textOf(message);
  expect(text === BURST_TEXT, `final text is ${show(text)}`);
  expect(message.stop_reason === 'end_turn', `stop_reason is ${show(message.stop_reason)}`);
  info(
    'anthropic.sse-burst',
    `${arrivals.length} text events, first at ${arrivals[0]} ms, last at ${arrivals.at(-1)} ms`,
  );
}

// --- OpenAI -----------------------------------------------------------------------------------

async function openaiCreate() {
  const completion = await openai().chat.completions.create({ model: MODEL, max_tokens: 256, messages: hello });
  checkCompletion(completion);
  const choice = completion.choices[0];
  expect(choice.finish_reason === 'stop', `finish_reason is ${show(choice.finish_reason)}`);
  expect(typeof choice.message.content === 'string' && choice.message.content.length > 0, `content is ${show(choice.message.content)}`);
  const usage = completion.usage;
  expect(usage && usage.total_tokens === usage.prompt_tokens + usage.completion_tokens, `usage is ${show(usage)}`);
}

async function openaiStream() {
  const stream = openai().chat.completions.stream({
    model: MODEL,
    max_tokens: 256,
    messages: hello,
    stream_options: { include_usage: true },
  });
  let deltas = '';
  stream.on('content', (delta) => {
    deltas += delta;
  });
  const completion = await stream.finalChatCompletion();
  checkCompletion(completion);
  const choice = completion.choices[0];
  expect(choice.finish_reason === 'stop', `finish_reason is ${show(choice.finish_reason)}`);
  expect(choice.message.role === 'assistant', `role is ${show(choice.message.role)}`);
  const text = choice.message.content;
  expect(typeof text === 'string' && text.length > 0, `content is ${show(text)}`);
  expect(deltas === text, `content events ${show(deltas)} differ from the final content ${show(text)}`);
  expect(completion.usage?.completion_tokens > 0, `usage is ${show(completion.usage)}`);
}

async function openaiStreamRaw() {
  const stream = await openai().chat.completions.create({ model: MODEL, max_tokens: 256, messages: hello, stream: true });
  let text = '';
  let role;
  let finish;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    expect(chunk.object === 'chat.completion.chunk', `chunk object is ${show(chunk.object)}`);
    expect(chunk.choices.length === 1, `chunk ${chunks} has choices ${show(chunk.choices)} (no include_usage)`);
    const choice = chunk.choices[0];
    if (choice.delta.role) {
      expect(role === undefined, `role repeated in chunk ${chunks}`);
      role = choice.delta.role;
    }
    text += choice.delta.content ?? '';
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  expect(role === 'assistant', `role is ${show(role)}`);
  expect(finish === 'stop', `finish_reason is ${show(finish)}`);
  expect(text.length > 0, `no content in ${chunks} chunks`);
}

async function openaiForcedTool({ stream }) {
  const params = {
    model: MODEL,
    max_tokens: 256,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: openaiTools('get_weather', WEATHER_SCHEMA, 'Current weather for a city'),
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
  };
  const client = openai();
  const completion = stream
    ? await client.chat.completions.stream(params).finalChatCompletion()
    : await client.chat.completions.create(params);
  checkCompletion(completion);
  const choice = completion.choices[0];
  expect(choice.finish_reason === 'tool_calls', `finish_reason is ${show(choice.finish_reason)}`);
  const calls = choice.message.tool_calls ?? [];
  expect(calls.length === 1, `expected one tool call, got ${show(choice.message)}`);
  expect(calls[0].type === 'function', `tool call type is ${show(calls[0].type)}`);
  expect(calls[0].function.name === 'get_weather', `tool call name is ${show(calls[0].function.name)}`);
  expect(typeof calls[0].function.arguments === 'string', `arguments is ${show(calls[0].function.arguments)}`);
  requiredInput(JSON.parse(calls[0].function.arguments), WEATHER_SCHEMA, 'tool call');
}

async function openaiReadFile({ stream }) {
  const client = openai();
  const send = (messages) => {
    const params = {
      model: MODEL,
      max_tokens: 512,
      messages,
      tools: openaiTools('read_file', READ_FILE_SCHEMA, 'Read a file from disk'),
    };
    const options = scenario('tool-read-file'); // per-request header (the Anthropic check uses defaultHeaders)
    return stream
      ? client.chat.completions.stream(params, options).finalChatCompletion()
      : client.chat.completions.create(params, options);
  };
  const messages = [{ role: 'user', content: `What is in ${SECRET_PATH}?` }];
  const first = await send(messages);
  checkCompletion(first);
  const choice = first.choices[0];
  expect(choice.finish_reason === 'tool_calls', `turn 1 finish_reason is ${show(choice.finish_reason)}`);
  const call = choice.message.tool_calls?.[0];
  expect(call, `turn 1 has no tool call: ${show(choice.message)}`);
  expect(call.function.name === 'read_file', `turn 1 tool is ${show(call.function.name)}`);
  expect(JSON.parse(call.function.arguments).path === SECRET_PATH, `turn 1 arguments ${show(call.function.arguments)}`);
  const { role, content, tool_calls } = choice.message;
  messages.push({ role, content, tool_calls });
  messages.push({ role: 'tool', tool_call_id: call.id, content: FILE_CONTENT });
  const second = await send(messages);
  checkCompletion(second);
  const answer = second.choices[0];
  expect(answer.finish_reason === 'stop', `turn 2 finish_reason is ${show(answer.finish_reason)}`);
  expect(answer.message.content?.includes(FILE_CONTENT), `turn 2 content is ${show(answer.message.content)}`);
}

async function openaiAuth() {
  const err = await openai({ apiKey: 'sk-ant-api03-not-for-this-gateway' })
    .chat.completions.create({ model: MODEL, max_tokens: 64, messages: hello })
    .then(
      (completion) => {
        throw new CheckFailed(`the request succeeded: ${show(completion)}`);
      },
      (error) => error,
    );
  expect(err instanceof OpenAI.AuthenticationError, `expected AuthenticationError, got ${describe(err)}`);
  expect(err.status === 401, `status is ${show(err.status)}`);
}

async function openaiStreamFault(name) {
  const stream = openai().chat.completions.stream({ model: MODEL, max_tokens: 512, messages: hello }, scenario(name));
  return mustThrow(`openai.${name}`, () => stream.finalChatCompletion());
}

async function openaiDisconnect() {
  const err = await openaiStreamFault('stream-disconnect');
  expect(err instanceof Error, `threw a non-error ${show(err)}`);
}

async function openaiErrorEvent() {
  const err = await openaiStreamFault('stream-error-event');
  expect(err instanceof OpenAI.APIError, `expected APIError, got ${describe(err)}`);
  expect(err.status === undefined, `status is ${show(err.status)} (a mid-stream error has none)`);
  expect(/Overloaded/.test(err.message), `message is ${show(err.message)}`);
}

async function openaiBurst() {
  const started = Date.now();
  const stream = openai().chat.completions.stream(
    { model: MODEL, max_tokens: 512, messages: hello },
    scenario('sse-burst'),
  );
  const arrivals = [];
  stream.on('content', () => arrivals.push(Date.now() - started));
  const completion = await stream.finalChatCompletion();
  const choice = completion.choices[0];
  expect(choice.message.content === BURST_TEXT, `final content is ${show(choice.message.content)}`);
  expect(choice.finish_reason === 'stop', `finish_reason is ${show(choice.finish_reason)}`);
  info('openai.sse-burst', `${arrivals.length} content events, first at ${arrivals[0]} ms, last at ${arrivals.at(-1)} ms`);
}

// --- run --------------------------------------------------------------------------------------

const checks = [
  ['anthropic.create', anthropicCreate],
  ['anthropic.stream', anthropicStream],
  ['anthropic.stream-raw', anthropicStreamRaw],
  ['anthropic.tool-forced', () => anthropicForcedTool({ stream: false })],
  ['anthropic.tool-forced-stream', () => anthropicForcedTool({ stream: true })],
  ['anthropic.tool-read-file', () => anthropicReadFile({ stream: false })],
  ['anthropic.tool-read-file-stream', () => anthropicReadFile({ stream: true })],
  ['anthropic.auth-sk-ant-401', anthropicAuth],
  ['anthropic.stream-disconnect', anthropicDisconnect],
  ['anthropic.stream-error-event', anthropicErrorEvent],
  ['anthropic.sse-burst', anthropicBurst],
  ['openai.create', openaiCreate],
  ['openai.stream', openaiStream],
  ['openai.stream-raw', openaiStreamRaw],
  ['openai.tool-forced', () => openaiForcedTool({ stream: false })],
  ['openai.tool-forced-stream', () => openaiForcedTool({ stream: true })],
  ['openai.tool-read-file', () => openaiReadFile({ stream: false })],
  ['openai.tool-read-file-stream', () => openaiReadFile({ stream: true })],
  ['openai.auth-sk-ant-401', openaiAuth],
  ['openai.stream-disconnect', openaiDisconnect],
  ['openai.stream-error-event', openaiErrorEvent],
  ['openai.sse-burst', openaiBurst],
];

info('sdks', `@anthropic-ai/sdk ${ANTHROPIC_VERSION}, openai ${OPENAI_VERSION}, node ${process.version}`);
for (const [name, fn] of checks) {
  await check(name, fn);
}
console.log(`${passed} passed, ${failed} failed`);
// Exit explicitly: a stream left hanging by a failed check must not keep the process alive.
process.exit(failed ? 1 : 0);
