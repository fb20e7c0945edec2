import { describe, expect, it } from 'vitest';
import { shouldHideOnClose } from '../../../main/lifecycle/closeToTray.js';

describe('shouldHideOnClose', () => {
  it.each([
    [true, true, false, true],
    [true, true, true, false], // quitting: let it close
    [true, false, false, false], // no tray: hiding would leave no way back
    [false, true, false, false],
    [false, false, true, false],
  ])('closeToTray=%s tray=%s quitting=%s → hide=%s', (closeToTray, trayAvailable, quitting, hide) => {
    expect(shouldHideOnClose({ closeToTray, trayAvailable, quitting })).toBe(hide);
  });
});
