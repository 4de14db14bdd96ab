/**
 * The one function core uses from the `xpath` package. The package's own
 * types reference the DOM lib, which core must not see (tsconfig.core.json
 * maps 'xpath' here); xmldom's nodes are passed through as opaque values.
 */
declare const xpath: {
  select(expression: string, node: unknown): unknown;
};
export default xpath;
