import { CHANNEL_MAP, CHANNELS, type Channel, type Services } from '../../preload/contract.js';
import type { Handler, Handlers } from './register.js';

/**
 * The handler table, derived from the channel map: each channel calls the service method its row
 * names (`'accounts:check'` → `tokens.checkAccount`), with the arguments its schema let through.
 * Nothing here lists channels, so a new channel needs no line in this file.
 */
export function createHandlers(s: Services): Handlers {
  const handler = <C extends Channel>(channel: C): Handler<C> => {
    const [group, method] = CHANNEL_MAP[channel].service.split('.') as [keyof Services, string];
    const service = s[group] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    return ((...args: unknown[]) => service[method]!(...args)) as unknown as Handler<C>;
  };
  return Object.fromEntries(CHANNELS.map((channel) => [channel, handler(channel)])) as Handlers;
}
