/**
 * Minimal text/event-stream parser for the browser-mode event feed. We read the stream with
 * fetch (EventSource cannot send the token header), so framing is ours: events are separated by
 * a blank line, `data:` lines are joined with "\n", comments (`:`) and other fields are ignored.
 */
export interface SseParser {
  push(chunk: string): void;
}

export function createSseParser(onData: (data: string) => void): SseParser {
  let buffer = '';
  let dataLines: string[] = [];
  // A chunk may end between the \r and \n of one CRLF: the \r already ended the line, so a \n
  // opening the next chunk is the rest of that line ending, not a blank line.
  let endedInCr = false;

  const dispatch = (): void => {
    if (dataLines.length > 0) onData(dataLines.join('\n'));
    dataLines = [];
  };

  return {
    push(chunk) {
      if (chunk === '') return;
      if (endedInCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
      endedInCr = chunk.endsWith('\r');
      buffer += chunk;
      // Lines may end in \n, \r\n or \r; the last piece may be incomplete and waits for more.
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          dispatch();
        } else if (line.startsWith('data:')) {
          dataLines.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
    },
  };
}
