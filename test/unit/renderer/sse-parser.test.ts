import { describe, expect, it } from 'vitest';
import { createSseParser } from '../../../renderer/src/bridge/sse-parser';

/** Feeds the chunks in order and returns every dispatched `data` payload. */
function parse(...chunks: string[]): string[] {
  const received: string[] = [];
  const parser = createSseParser((data) => received.push(data));
  for (const chunk of chunks) parser.push(chunk);
  return received;
}

const WAITING = JSON.stringify({
  type: 'waiting',
  reason: 'rate_limited',
  operation: 'checkAppCredentials',
  retryAt: 1_700_000_000_000,
  attempt: 2,
});
const ARRIVED = JSON.stringify({ type: 'authorization', attemptId: 'a1', status: 'arrived' });

describe('the browser-mode event stream parser', () => {
  it('delivers one event once its blank line arrives', () => {
    expect(parse(`data: ${WAITING}\n\n`)).toEqual([WAITING]);
  });

  it('does not deliver an event whose blank line has not arrived yet', () => {
    expect(parse(`data: ${WAITING}\n`)).toEqual([]);
    expect(parse(`data: ${WAITING}`)).toEqual([]);
  });

  it('delivers the same events wherever the network splits the stream into chunks', () => {
    const stream = `: connected\n\ndata: ${WAITING}\n\ndata: ${ARRIVED}\n\n`;
    for (let cut = 0; cut <= stream.length; cut += 1) {
      expect(parse(stream.slice(0, cut), stream.slice(cut)), `cut at ${cut}`).toEqual([
        WAITING,
        ARRIVED,
      ]);
    }
    expect(parse(...stream.split(''))).toEqual([WAITING, ARRIVED]);
  });

  it('delivers every event when one chunk carries several', () => {
    expect(parse(`data: ${WAITING}\n\ndata: ${ARRIVED}\n\ndata: 3\n\n`)).toEqual([
      WAITING,
      ARRIVED,
      '3',
    ]);
  });

  it('ignores comment lines such as the server greeting ": connected"', () => {
    expect(parse(': connected\n\n')).toEqual([]);
    expect(parse(': connected\n\n: keep-alive\n\n', `data: ${ARRIVED}\n\n`)).toEqual([ARRIVED]);
  });

  it('ignores a comment line in the middle of an event without splitting it', () => {
    expect(parse('data: a\n: note\ndata: b\n\n')).toEqual(['a\nb']);
  });

  it('understands CRLF line endings', () => {
    expect(parse(`: connected\r\n\r\ndata: ${WAITING}\r\n\r\ndata: ${ARRIVED}\r\n\r\n`)).toEqual([
      WAITING,
      ARRIVED,
    ]);
  });

  it('understands lone CR line endings', () => {
    expect(parse(`data: ${WAITING}\r\rdata: ${ARRIVED}\r\r`)).toEqual([WAITING, ARRIVED]);
  });

  it('delivers a single-line event whole when a chunk ends between CR and LF', () => {
    expect(parse(`data: ${WAITING}\r`, '\n\r', '\n')).toEqual([WAITING]);
  });

  // A trailing "\r" must not make the "\n" opening the next chunk read as a blank line.
  it('keeps a multi-line event whole when a chunk ends between CR and LF', () => {
    expect(parse('data: a\r', '\ndata: b\r\n\r\n')).toEqual(['a\nb']);
  });

  it('joins multi-line data with "\\n"', () => {
    expect(parse('data: {"type":\ndata: "waiting"}\n\n')).toEqual(['{"type":\n"waiting"}']);
    expect(parse('data: one\ndata:\ndata: three\n\n')).toEqual(['one\n\nthree']);
  });

  it('strips exactly one space after "data:" and none when there is none', () => {
    expect(parse('data:x\n\n', 'data:  x\n\n', 'data: x \n\n')).toEqual(['x', ' x', 'x ']);
  });

  it('ignores event, id and retry fields and delivers only the data', () => {
    expect(parse(`event: bridge\nid: 7\nretry: 1000\ndata: ${ARRIVED}\n\n`)).toEqual([ARRIVED]);
  });

  it('dispatches nothing for a blank line without data (a bare keep-alive)', () => {
    expect(parse('\n\n\n', 'event: ping\n\n')).toEqual([]);
  });

  it('hands malformed JSON through as text without throwing, and keeps parsing afterwards', () => {
    let received: string[] = [];
    expect(() => {
      received = parse('data: {"type": "wait', 'ing", oops\n\n', `data: ${ARRIVED}\n\n`);
    }).not.toThrow();
    expect(received).toEqual(['{"type": "waiting", oops', ARRIVED]);
  });

  it('keeps non-ASCII text intact across chunks', () => {
    expect(parse('data: {"operation":"Vérifier ✓"}\n', '\n')).toEqual([
      '{"operation":"Vérifier ✓"}',
    ]);
  });
});
