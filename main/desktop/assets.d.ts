// electron-vite copies a file imported with `?asset` into out/main and makes the import its path
// (same declaration as electron-vite/node.d.ts, without that file's other globals).
declare module '*?asset' {
  const path: string;
  export default path;
}
