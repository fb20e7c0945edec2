import { CHANNELS } from '../../preload/contract.js';

export interface ContractParts {
  handlers: Record<string, unknown>;
  schemas: Record<string, unknown>;
  /** The channels the preload's functions actually invoke. */
  preloadChannels: Iterable<string>;
  channels?: readonly string[];
}

/** Lists every way the parts disagree with the contract; empty means they all line up. */
export function checkContract(parts: ContractParts): string[] {
  const channels = new Set<string>(parts.channels ?? CHANNELS);
  const preload = new Set(parts.preloadChannels);
  const problems: string[] = [];
  for (const c of channels) {
    if (typeof parts.handlers[c] !== 'function') problems.push(`${c}: no handler`);
    if (!parts.schemas[c]) problems.push(`${c}: no schema`);
    if (!preload.has(c)) problems.push(`${c}: no preload function`);
  }
  for (const c of Object.keys(parts.handlers)) if (!channels.has(c)) problems.push(`${c}: handler for an undeclared channel`);
  for (const c of Object.keys(parts.schemas)) if (!channels.has(c)) problems.push(`${c}: schema for an undeclared channel`);
  for (const c of preload) if (!channels.has(c)) problems.push(`${c}: preload calls an undeclared channel`);
  return problems;
}
