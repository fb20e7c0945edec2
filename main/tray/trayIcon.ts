/**
 * Which tray image to use, and loading it with both resolutions. macOS gets black "template"
 * images that the menu bar tints for light and dark; elsewhere panels can be light or dark, so the
 * icon is the same glyph in the app's green, which reads on both.
 *
 * The two resolutions are added by hand rather than by the `@2x` file-name convention because the
 * build renames assets (content hashes), and a template flag set in code survives that too.
 */
import type { NativeImage, nativeImage } from 'electron';
import { readFileSync } from 'node:fs';

export interface TrayIconPaths {
  template1x: string;
  template2x: string;
  color1x: string;
  color2x: string;
}

export interface TrayIconChoice {
  x1: string;
  x2: string;
  template: boolean;
}

export function chooseTrayIcon(os: string, paths: TrayIconPaths): TrayIconChoice {
  return os === 'darwin'
    ? { x1: paths.template1x, x2: paths.template2x, template: true }
    : { x1: paths.color1x, x2: paths.color2x, template: false };
}

export function loadTrayIcon(
  images: Pick<typeof nativeImage, 'createFromPath'>,
  choice: TrayIconChoice,
  read: (path: string) => Buffer = readFileSync,
): NativeImage {
  const image = images.createFromPath(choice.x1);
  image.addRepresentation({ scaleFactor: 2, buffer: read(choice.x2) });
  if (choice.template) image.setTemplateImage(true);
  return image;
}
