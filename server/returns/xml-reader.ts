import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { ExtractError } from '../ingest/discover.ts';

// Streams one DfE return (SEN2 or CIN census XML) with saxes: the header is kept, then each
// person/child record is built as a small tree, handed to `onRecord` and dropped, so memory
// holds one record at a time however large the file. saxes is strict (any well-formedness
// error stops the read) and reports line numbers; its messages are never shown, because they
// can quote the file's text, which holds names and UPNs.

export interface XmlNode {
  name: string;
  line: number;
  text: string;
  children: XmlNode[];
}

export interface ReturnHeader {
  collection: string;
  year: string;
  referenceDate: string;
  lea: string;
}

/** The element whose children are records: Persons/Person (SEN2), Children/Child (CIN). */
const recordParents = new Set(['Persons', 'Children']);
const maxNodesPerRecord = 20_000;
const maxTextChars = 10_000;

export const childNode = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
export const childNodes = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);
/** Trimmed text of a child element; '' when absent. */
export const childText = (node: XmlNode, name: string): string => childNode(node, name)?.text.trim() ?? '';

function headerOf(header: XmlNode): ReturnHeader {
  const details = childNode(header, 'CollectionDetails') ?? header;
  const source = childNode(header, 'Source') ?? header;
  return {
    collection: childText(details, 'Collection'),
    year: childText(details, 'Year'),
    referenceDate: childText(details, 'ReferenceDate'),
    lea: childText(source, 'LEA'),
  };
}

export interface ReadCallbacks {
  onHeader: (header: ReturnHeader) => void;
  onRecord: (record: XmlNode) => void;
}

/** Reads `path` (shown as `fileName` in errors); throws one-line ExtractErrors naming the file. */
export async function readReturnXml(path: string, fileName: string, callbacks: ReadCallbacks): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let inRecords = 0;
  let nodes = 0;
  let header: XmlNode | null = null;
  let sawHeader = false;
  let failure: Error | null = null;
  const fail = (error: Error): void => {
    failure ??= error;
  };
  parser.on('error', () => fail(new ExtractError(`${fileName} is not well-formed XML (line ${parser.line}): export the return again from the case system or COLLECT`)));
  parser.on('opentag', (tag) => {
    const name = tag.local || tag.name;
    const line = parser.line;
    if (name === 'Header' && stack.length === 0 && !sawHeader) {
      header = { name, line, text: '', children: [] };
      stack.push(header);
      return;
    }
    if (stack.length === 0) {
      if (recordParents.has(name)) inRecords++;
      else if (inRecords > 0) {
        if (!sawHeader) fail(new ExtractError(`${fileName} has no <Header> before its records: not a DfE return`));
        nodes = 0;
        stack.push({ name, line, text: '', children: [] });
      }
      return;
    }
    if (++nodes > maxNodesPerRecord) fail(new ExtractError(`${fileName}: the record at line ${stack[0]?.line ?? line} has over ${maxNodesPerRecord} elements: not a DfE return`));
    const node: XmlNode = { name, line, text: '', children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (!top) return;
    if (top.text.length + text.length > maxTextChars) fail(new ExtractError(`${fileName} line ${parser.line}: an element holds over ${maxTextChars} characters: not a DfE return`));
    else top.text += text;
  });
  parser.on('closetag', (tag) => {
    const name = tag.local || tag.name;
    if (stack.length === 0) {
      if (recordParents.has(name)) inRecords--;
      return;
    }
    const node = stack.pop();
    if (stack.length > 0 || !node) return;
    if (node === header) {
      sawHeader = true;
      try {
        callbacks.onHeader(headerOf(node));
      } catch (error) {
        fail(error as Error);
      }
    } else if (!failure) {
      callbacks.onRecord(node);
    }
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path)) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new ExtractError(`${fileName} is not UTF-8 text (near line ${parser.line}): export the return as UTF-8 XML`);
    }
    parser.write(text);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (!sawHeader) throw new ExtractError(`${fileName} has no <Header>: not a SEN2 or CIN census return`);
}
