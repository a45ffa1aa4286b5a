/**
 * A strict checker of raw Internet messages (RFC 5322 + MIME, RFC 2045/2046/2047), for tests. The parsers on
 * npm (mailparser, postal-mime) are lenient on purpose: they read bare LF, overlong lines and broken
 * boundaries without complaint, so they cannot prove a message is well-formed. This walks the bytes and
 * reports every violation; postal-mime is then used only to decode what passed, so a test can compare the
 * content with what was sent.
 */

export interface MimeProblem {
  readonly line: number;
  readonly problem: string;
}

interface Part {
  readonly headers: readonly { name: string; value: string }[];
  readonly bodyLines: readonly string[];
  readonly firstBodyLine: number;
}

/** RFC 5322 field-name: printable US-ASCII except the colon. */
const fieldName = /^[\x21-\x39\x3b-\x7e]+$/;
/** RFC 2046 boundary characters (bchars), 1 to 70 of them, not ending in a space. */
const boundaryPattern = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const base64Line = /^[A-Za-z0-9+/]*={0,2}$/;

function splitHeaderAndBody(lines: readonly string[], offset: number, problems: MimeProblem[]): Part {
  const headers: { name: string; value: string }[] = [];
  let index = 0;
  for (; index < lines.length && lines[index] !== ''; index++) {
    const line = lines[index]!;
    const at = offset + index + 1;
    if (/^[ \t]/.test(line)) {
      if (headers.length === 0) problems.push({ line: at, problem: 'continuation line before any header' });
      else if (line.trim() === '')
        problems.push({ line: at, problem: 'folded header line of only white space' });
      else headers[headers.length - 1]!.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!fieldName.test(name)) {
      problems.push({ line: at, problem: `not a header field: ${JSON.stringify(line.slice(0, 60))}` });
      continue;
    }
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  if (index >= lines.length)
    problems.push({ line: offset + index, problem: 'no empty line after the headers' });
  return { headers, bodyLines: lines.slice(index + 1), firstBodyLine: offset + index + 2 };
}

function header(part: Part, name: string): string | undefined {
  return part.headers.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())?.value;
}

/** `type/subtype; a=b; c="d"` → type and lower-cased parameter names. */
function contentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function checkEncodedWords(part: Part, problems: MimeProblem[], at: number): void {
  for (const { name, value } of part.headers) {
    for (const word of value.match(/=\?[^?]*\?[^?]*\?[^?]*\?=/g) ?? []) {
      if (word.length > 75) problems.push({ line: at, problem: `${name}: encoded word over 75 characters` });
      if (!/^=\?[A-Za-z0-9-]+\?[BbQq]\?/.test(word))
        problems.push({ line: at, problem: `${name}: malformed encoded word ${word.slice(0, 30)}` });
    }
  }
}

function checkLeaf(part: Part, type: string, problems: MimeProblem[]): void {
  const encoding = (header(part, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const lines = part.bodyLines;
  const at = (index: number) => part.firstBodyLine + index;
  if (encoding === 'base64') {
    let data = '';
    for (const [index, line] of lines.entries()) {
      if (line.length > 76) problems.push({ line: at(index), problem: 'base64 line over 76 characters' });
      if (!base64Line.test(line)) problems.push({ line: at(index), problem: 'not base64' });
      data += line;
    }
    if (data.length % 4 !== 0)
      problems.push({ line: at(0), problem: 'base64 length is not a multiple of 4' });
  } else if (encoding === 'quoted-printable') {
    for (const [index, line] of lines.entries()) {
      if (line.length > 76)
        problems.push({ line: at(index), problem: 'quoted-printable line over 76 characters' });
      if (/[ \t]$/.test(line))
        problems.push({ line: at(index), problem: 'quoted-printable line ends in white space' });
      const escapes = line.replace(/=[0-9A-F]{2}/g, '').replace(/=$/, '');
      if (escapes.includes('='))
        problems.push({ line: at(index), problem: `bad quoted-printable escape in ${JSON.stringify(line)}` });
    }
  } else if (encoding !== '7bit') {
    problems.push({ line: at(0), problem: `unexpected Content-Transfer-Encoding ${encoding} for ${type}` });
  }
}

function checkPart(part: Part, problems: MimeProblem[], depth: number): number {
  const at = part.firstBodyLine - 1;
  checkEncodedWords(part, problems, at);
  const { type, params } = contentType(header(part, 'Content-Type'));
  if (!type.startsWith('multipart/')) {
    checkLeaf(part, type, problems);
    return 1;
  }
  const boundary = params.boundary;
  if (!boundary || !boundaryPattern.test(boundary)) {
    problems.push({ line: at, problem: `${type} without a valid boundary (${boundary})` });
    return 0;
  }
  const delimiter = `--${boundary}`;
  const starts: number[] = [];
  let closed = -1;
  for (const [index, line] of part.bodyLines.entries()) {
    if (line === `${delimiter}--`) {
      closed = index;
      break;
    }
    if (line === delimiter) starts.push(index);
    else if (line.startsWith(delimiter))
      problems.push({ line: part.firstBodyLine + index, problem: 'delimiter line with trailing text' });
  }
  if (closed < 0) problems.push({ line: at, problem: `${type}: no closing delimiter` });
  if (starts.length === 0) problems.push({ line: at, problem: `${type}: no body parts` });
  let leaves = 0;
  for (const [n, start] of starts.entries()) {
    const end = starts[n + 1] ?? (closed < 0 ? part.bodyLines.length : closed);
    const child = splitHeaderAndBody(
      part.bodyLines.slice(start + 1, end),
      part.firstBodyLine + start,
      problems,
    );
    if (!header(child, 'Content-Type'))
      problems.push({ line: part.firstBodyLine + start + 1, problem: 'body part without Content-Type' });
    leaves += checkPart(child, problems, depth + 1);
  }
  return leaves;
}

/**
 * Every problem of a raw message: line ends other than CRLF, lines over 998 octets (RFC 5322's MUST;
 * base64 and quoted-printable body lines over 76, RFC 2045's), 8-bit bytes, malformed headers, missing
 * required headers, broken multipart structure, bad base64 or quoted-printable. An empty list is a
 * well-formed message. (A header holding one long token, such as an attachment's file name, may pass 78
 * octets, RFC 5322's SHOULD: it cannot be folded there.)
 */
export function strictMimeProblems(raw: Buffer): MimeProblem[] {
  const problems: MimeProblem[] = [];
  const text = raw.toString('latin1');
  let line = 1;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x0a) {
      if (raw[i - 1] !== 0x0d) problems.push({ line, problem: 'bare LF' });
      line++;
    } else if (byte === 0x0d && raw[i + 1] !== 0x0a) problems.push({ line, problem: 'bare CR' });
    else if (byte > 0x7e || (byte < 0x20 && byte !== 0x09 && byte !== 0x0d))
      problems.push({ line, problem: `byte 0x${byte.toString(16)} outside 7-bit printable ASCII` });
  }
  if (!text.endsWith('\r\n')) problems.push({ line, problem: 'the message does not end in CRLF' });
  const lines = text.replace(/\r\n$/, '').split('\r\n');
  for (const [index, content] of lines.entries()) {
    const octets = Buffer.byteLength(content, 'latin1');
    if (octets > 998) problems.push({ line: index + 1, problem: `line of ${octets} octets (limit 998)` });
  }
  const message = splitHeaderAndBody(lines, 0, problems);
  for (const name of ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version']) {
    const count = message.headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).length;
    if (count !== 1) problems.push({ line: 1, problem: `${count} ${name} headers (want exactly 1)` });
  }
  if (header(message, 'MIME-Version') !== '1.0')
    problems.push({ line: 1, problem: 'MIME-Version is not 1.0' });
  if (checkPart(message, problems, 0) === 0) problems.push({ line: 1, problem: 'no content' });
  return problems;
}
