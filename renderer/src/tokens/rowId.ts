/** DOM id of a token's row, for scrolling to it. */
export function rowId(tokenId: string): string {
  return `token-${tokenId}`;
}
