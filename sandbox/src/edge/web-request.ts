// The parts of an HTTP request that WAF statements inspect.

export interface WebRequest {
  /** Client address as WAF sees it (IPv4-mapped IPv6 already unwrapped). */
  readonly clientIp: string;
  readonly method: string;
  /** Path without the query string, as sent (not decoded). */
  readonly uriPath: string;
  /** Header values by lower-cased name (Node's IncomingMessage.headers shape). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}
